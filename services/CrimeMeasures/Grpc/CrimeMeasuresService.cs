using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts.Crime.V1;
using Partnership.Security;
using Partnership.Submissions.Grpc;

namespace Partnership.CrimeMeasures.Grpc;

/// <summary>A thin adapter from the crime contract to the shared return calls.</summary>
public sealed class CrimeMeasuresService(ReturnCallAdapter<CrimeMeasuresDbContext> calls)
    : Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresBase
{
    [Authorize(Policies.SubmitCrimeMeasures)]
    public override Task<SubmitReturnResponse> SubmitReturn(SubmitReturnRequest request, ServerCallContext context) =>
        calls.SubmitAsync<SubmitReturnResponse>(request, context.CancellationToken);

    public override Task<DistrictReturn> GetReturn(GetReturnRequest request, ServerCallContext context) =>
        calls.GetAsync<DistrictReturn>(request, context.CancellationToken);

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context) =>
        calls.ListMeasuresAsync<ListMeasuresResponse>();
}
