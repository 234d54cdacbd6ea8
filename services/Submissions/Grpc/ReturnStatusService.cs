using System.Globalization;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Domain;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Security;
using Partnership.Submissions.Status;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// A thin adapter over every domain service this host runs: one status call answers for all of them,
/// whether the host runs one service or (the local host) all four.
/// </summary>
public sealed class ReturnStatusService(IEnumerable<IReturnStatusSource> sources, IEnumerable<IObservationHistory> histories, MeasureCatalogue catalogue, ReadAccess access, ICallerContext callers)
    : ReturnStatus.ReturnStatusBase
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
                var summary = new ReturnSummary
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
                    FirstSubmittedAt = (entry.FirstSubmittedAt ?? entry.SubmittedAt).ToString("O", CultureInfo.InvariantCulture),
                };
                summary.Conflicts.AddRange(entry.FigureConflicts.Select(c => ToContract(c, source.Identity, entry.AreaCode, entry.SubmittedBy)));
                response.Returns.Add(summary);
            }

            foreach (var difference in await source.WindowDifferencesAsync(period, context.CancellationToken))
            {
                response.WindowDifferences.Add(new Contracts.Status.V1.WindowDifference
                {
                    Service = difference.Service,
                    AreaCode = difference.AreaCode,
                    Source = difference.Source,
                    MeasureId = difference.MeasureId,
                    Submitted = DecimalValue.FromDecimal(difference.Submitted),
                    Tiled = DecimalValue.FromDecimal(difference.Tiled),
                    TiledFrom = { difference.TiledFrom.Select(p => p.Label) },
                });
            }
        }

        return response;
    }

    public override async Task<GetObservationHistoryResponse> GetObservationHistory(GetObservationHistoryRequest request, ServerCallContext context)
    {
        if (!catalogue.TryGet(request.MeasureId, out _))
        {
            throw RpcErrors.InvalidArgument("measure_id", $"'{request.MeasureId}' is not a measure of the catalogue.");
        }

        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var response = new GetObservationHistoryResponse();
        foreach (var history in histories)
        {
            foreach (var revision in await history.GetObservationHistoryAsync(request.MeasureId, request.AreaCode, period, context.CancellationToken))
            {
                response.Revisions.Add(new Contracts.Status.V1.ObservationRevision
                {
                    Service = revision.Service,
                    Source = revision.Source,
                    ReturnId = revision.ReturnId.ToString(),
                    Revision = revision.Revision,
                    LatestRevision = revision.LatestRevision,
                    SubmittedBy = revision.SubmittedBy,
                    SubmittedAt = revision.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
                    Observation = revision.Observation?.ToContract(),
                    InReport = revision.InReport,
                    Conflict = revision.Conflict,
                });
            }
        }

        return response;
    }

    /// <summary>The figures go only to a caller who may read them; that there is a conflict, and with which return, goes to all.</summary>
    private Contracts.Status.V1.FigureConflict ToContract(Submissions.Status.FigureConflict conflict, ServiceIdentity identity, string areaCode, string submittedBy)
    {
        var caller = callers.Current;
        var measure = catalogue.Get(conflict.MeasureId);
        // Each figure is read whole only by the agency that submitted its return.
        bool Readable(Domain.Observation observation, string by) =>
            access.MayRead(caller, measure, observation.Confidentiality, observation.AreaCode, observation.Period.End, SubmissionAccess.IsSubmitter(caller, identity, areaCode, by));
        return new Contracts.Status.V1.FigureConflict
        {
            MeasureId = conflict.MeasureId,
            Period = conflict.Period.ToContract(),
            Observation = Readable(conflict.Figure, submittedBy) ? conflict.Figure.ToContract() : null,
            OtherReturnKey = conflict.Other.ReturnKey,
            OtherReturnId = conflict.Other.ReturnId.ToString(),
            OtherRevision = conflict.Other.Revision,
            OtherSubmittedBy = conflict.Other.SubmittedBy,
            OtherObservation = Readable(conflict.Other.Observation, conflict.Other.SubmittedBy) ? conflict.Other.Observation.ToContract() : null,
            Used = conflict.Used,
        };
    }
}
