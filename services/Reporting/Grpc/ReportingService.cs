using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Plans;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;
using Partnership.Security;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the reporting contract to the rollup queries.</summary>
public sealed class ReportingService(CountyRollupQuery rollups, ReceivedReturnsQuery received, Geography geography, ReadAccess access, ReadAuditLog reads, ICallerContext callers, DeliveryPlans plans)
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
        // needs a reader of the force, and holds only the measures the caller may read.
        var audience = DeliveryReportMapper.ToDomain(request.Audience);
        var caller = callers.Current;
        if (audience == Delivery.ReportAudience.Partner && ReadAccess.PartnerViewDenial(caller, force.Code) is { } denial)
        {
            throw new AccessDeniedException(denial);
        }

        var rollup = await rollups.GetAsync(request.ForceAreaCode, period, context.CancellationToken);
        if (audience == Delivery.ReportAudience.Partner)
        {
            await reads.RecordAsync(caller, force.Code, period, context.CancellationToken);
            rollup = RollupAccess.ForReader(rollup, caller, access);
        }

        rollup = RollupDisclosure.ForAudience(rollup, audience);
        return RollupMapper.ToContract(RollupPlanOrder.Apply(rollup, plans), geography, audience);
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
