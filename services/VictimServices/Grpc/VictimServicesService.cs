using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts;
using Partnership.Contracts.Victims.V1;
using Partnership.Domain;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Grpc;
using Partnership.VictimServices.Commissioning;
using Partnership.VictimServices.Returns;

namespace Partnership.VictimServices.Grpc;

/// <summary>A thin adapter from the victims contract to the commissioning register and the shared submission pipeline.</summary>
public sealed class VictimServicesService(
    ReturnReader<VictimServicesDbContext> returns,
    VictimReturnIntake intake,
    CommissioningRegister register,
    SurveyRateQuery surveys,
    MeasureCatalogue catalogue)
    : Contracts.Victims.V1.VictimServices.VictimServicesBase
{
    [Authorize(Policies.SubmitVictimServices)]
    public override async Task<SubmitReturnResponse> SubmitReturn(SubmitReturnRequest request, ServerCallContext context)
    {
        var accepted = await intake.SubmitAsync(
            SubmissionMapper.ToSubmission(Extensions.Identity.Name, request.AreaCode, request.Period, request.Observations, request.SubmittedBy, request.CommissionId.Trim()),
            context.CancellationToken);
        return new SubmitReturnResponse
        {
            ReturnId = accepted.ReturnId.ToString(),
            Revision = accepted.Revision,
            ObservationsAccepted = accepted.ObservationCount,
        };
    }

    public override async Task<VictimReturn> GetReturn(GetReturnRequest request, ServerCallContext context)
    {
        var stored = await ReturnCalls.GetAsync(returns, request.AreaCode, request.Period, request.Revision, context.CancellationToken, request.CommissionId.Trim());
        var response = stored.ToContract<VictimReturn>();
        response.CommissionId = request.CommissionId.Trim();
        return response;
    }

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var response = new ListMeasuresResponse();
        response.Measures.AddRange(ReturnCalls.Measures(catalogue, Extensions.Identity.Name));
        return Task.FromResult(response);
    }

    [Authorize(Policies.SubmitVictimServices)]
    public override async Task<SubmitCommissioningResponse> SubmitCommissioning(SubmitCommissioningRequest request, ServerCallContext context)
    {
        var accepted = await register.SubmitAsync(VictimMapper.ToStatement(request), context.CancellationToken);
        var response = new SubmitCommissioningResponse { Revision = accepted.Revision, ServicesAccepted = accepted.Services };
        response.Totals.AddRange(accepted.Totals.Select(t => t.ToContract()));
        return response;
    }

    public override async Task<ListCommissionedServicesResponse> ListCommissionedServices(ListCommissionedServicesRequest request, ServerCallContext context)
    {
        var services = await register.ListAsync(request.ForceAreaCode, VictimMapper.ToOptionalFinancialYear(request.FinancialYear), context.CancellationToken);
        var response = new ListCommissionedServicesResponse();
        response.Services.AddRange(services.Select(s => s.ToContract()));
        return response;
    }

    public override async Task<GetFundingTotalsResponse> GetFundingTotals(GetFundingTotalsRequest request, ServerCallContext context)
    {
        var totals = await register.TotalsAsync(request.ForceAreaCode, VictimMapper.ToOptionalFinancialYear(request.FinancialYear), context.CancellationToken);
        var response = new GetFundingTotalsResponse();
        response.Totals.AddRange(totals.Select(t => t.ToContract()));
        return response;
    }

    public override async Task<Contracts.Victims.V1.SurveyRate> GetSurveyRate(GetSurveyRateRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var window, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var rate = await surveys.GetAsync(request.MeasureId, request.AreaCode, window, request.CommissionId.Trim(), context.CancellationToken);
        return rate.ToContract(request.MeasureId, request.AreaCode);
    }
}
