using Partnership.Contracts;
using Partnership.CrimeMeasures.Grpc;
using Partnership.Submissions;

namespace Partnership.CrimeMeasures;

public static class Extensions
{
    public static readonly ServiceIdentity Identity = new("crime-measures", EventTopics.CrimeMeasures);

    public static IHostApplicationBuilder AddCrimeMeasures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSubmissionPipeline<CrimeMeasuresDbContext>(builder.Configuration, Identity);
        return builder;
    }

    public static IEndpointRouteBuilder MapCrimeMeasures(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CrimeMeasuresService>();
        return app;
    }
}
