using Partnership.Contracts;
using Partnership.CrimeMeasures.Grpc;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Portal;

namespace Partnership.CrimeMeasures;

public static class Extensions
{
    // CSPs send district returns; the force sends the survey figures.
    public static readonly ServiceIdentity Identity = new("crime-measures", EventTopics.CrimeMeasures, Roles.CspSubmitter, ExpectedReturns.Districts | ExpectedReturns.ForceArea);

    public static IHostApplicationBuilder AddCrimeMeasures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSubmissionPipeline<CrimeMeasuresDbContext>(builder.Configuration, Identity);
        return builder;
    }

    public static IEndpointRouteBuilder MapCrimeMeasures(this IEndpointRouteBuilder app)
    {
        app.MapPartnerGrpcService<CrimeMeasuresService>();
        app.MapSubmissionEndpoints();
        app.MapReturnPortal<CrimeMeasuresDbContext>(Identity);
        return app;
    }
}
