using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts.Safeguarding.V1;
using Partnership.Security;
using Partnership.Submissions.Grpc;

namespace Partnership.Safeguarding.Grpc;

/// <summary>A thin adapter from the safeguarding contract to the shared return calls.</summary>
public sealed class SafeguardingService(ReturnCallAdapter<SafeguardingDbContext> calls)
    : Contracts.Safeguarding.V1.Safeguarding.SafeguardingBase
{
    [Authorize(Policies.SubmitSafeguarding)]
    public override Task<SubmitReturnResponse> SubmitReturn(SubmitReturnRequest request, ServerCallContext context) =>
        calls.SubmitAsync<SubmitReturnResponse>(request, context.CancellationToken);

    public override Task<SafeguardingReturn> GetReturn(GetReturnRequest request, ServerCallContext context) =>
        calls.GetAsync<SafeguardingReturn>(request, context.CancellationToken);

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context) =>
        calls.ListMeasuresAsync<ListMeasuresResponse>();
}
