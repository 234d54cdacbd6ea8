using System.Globalization;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Status.V1;
using Partnership.Submissions.Status;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// A thin adapter over every domain service this host runs: one status call answers for all of them,
/// whether the host runs one service or (the local host) all four.
/// </summary>
public sealed class ReturnStatusService(IEnumerable<IReturnStatusSource> sources) : ReturnStatus.ReturnStatusBase
{
    public override async Task<ListReturnsResponse> ListReturns(ListReturnsRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var response = new ListReturnsResponse();
        foreach (var source in sources)
        {
            response.Services.Add(new ServiceExpectation
            {
                Service = source.Identity.Name,
                ExpectsDistricts = source.Identity.Expected.HasFlag(ExpectedReturns.Districts),
                ExpectsForceArea = source.Identity.Expected.HasFlag(ExpectedReturns.ForceArea),
            });
            foreach (var entry in await source.ListAsync(period, context.CancellationToken))
            {
                response.Returns.Add(new ReturnSummary
                {
                    Service = entry.Service,
                    AreaCode = entry.AreaCode,
                    Source = entry.Source,
                    ReturnKey = entry.ReturnKey,
                    ReturnId = entry.ReturnId.ToString(),
                    Revision = entry.Revision,
                    SubmittedBy = entry.SubmittedBy,
                    SubmittedAt = entry.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
                    ObservationCount = entry.ObservationCount,
                    Published = entry.PublishedAt is not null,
                    PublishedAt = entry.PublishedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                });
            }
        }

        return response;
    }
}
