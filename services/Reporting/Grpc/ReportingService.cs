using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;
using Partnership.Security;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the reporting contract to the rollup queries.</summary>
public sealed class ReportingService(CountyRollupQuery rollups, ReceivedReturnsQuery received, Geography geography, ICallerContext callers)
    : Contracts.Reporting.V1.Reporting.ReportingBase
{
    public override async Task<Contracts.Reporting.V1.CountyRollup> GetCountyRollup(GetCountyRollupRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        if (!geography.TryGet(request.ForceAreaCode, out var force) || force.Type != AreaType.Force)
        {
            throw RpcErrors.InvalidArgument("force_area_code", $"'{request.ForceAreaCode}' is not a force area");
        }

        // Public unless asked otherwise. The partner view shows restricted figures undisclosed, so it
        // needs a reader role, and holds only the measures the caller's roles cover.
        var audience = DeliveryReportMapper.ToDomain(request.Audience);
        var caller = callers.Current;
        if (audience == Delivery.ReportAudience.Partner && !caller.IsInRole(Roles.PartnerReader) && !caller.IsInRole(Roles.SafeguardingReader))
        {
            throw new AccessDeniedException($"The partner view shows restricted figures and needs the '{Roles.PartnerReader}' or '{Roles.SafeguardingReader}' role; ask for the public view, or call with the role.");
        }

        var rollup = await rollups.GetAsync(request.ForceAreaCode, period, context.CancellationToken);
        rollup = audience == Delivery.ReportAudience.Partner ? RollupAccess.ForReader(rollup, caller) : rollup;
        rollup = RollupDisclosure.ForAudience(rollup, audience);
        return RollupMapper.ToContract(rollup, geography, audience);
    }

    public override async Task<ListReceivedReturnsResponse> ListReceivedReturns(ListReceivedReturnsRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var response = new ListReceivedReturnsResponse();
        response.Returns.AddRange((await received.ListAsync(period, context.CancellationToken)).Select(r => new ReceivedReturn
        {
            ReturnKey = r.ReturnKey,
            Service = r.SourceService,
            AreaCode = r.AreaCode,
            Revision = r.Revision,
            ReturnId = r.ReturnId,
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }));
        return response;
    }
}
