using Partnership.Contracts;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Portal;
using Partnership.VictimServices.Commissioning;
using Partnership.VictimServices.Grpc;
using Partnership.VictimServices.Returns;

namespace Partnership.VictimServices;

public static class Extensions
{
    public static readonly ServiceIdentity Identity = new("victim-services", EventTopics.VictimServices, Roles.VictimsSubmitter);

    public static IHostApplicationBuilder AddVictimServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSubmissionPipeline<VictimServicesDbContext>(builder.Configuration, Identity);
        builder.Services.AddReturnRule<VictimServicesDbContext, ReturnSourceRule>();
        builder.Services.AddReturnRule<VictimServicesDbContext, ReferralSourcesRule>();
        builder.Services.AddReturnRule<VictimServicesDbContext, OutcomesWithinClosedCasesRule>();
        builder.Services.AddScoped<CommissioningRegister>();
        builder.Services.AddScoped<VictimReturnIntake>();
        builder.Services.AddScoped<IPortalIntake<VictimServicesDbContext>>(services => services.GetRequiredService<VictimReturnIntake>());
        builder.Services.AddScoped<SurveyRateQuery>();
        return builder;
    }

    public static IEndpointRouteBuilder MapVictimServices(this IEndpointRouteBuilder app)
    {
        app.MapPartnerGrpcService<VictimServicesService>();
        app.MapSubmissionEndpoints();
        app.MapReturnPortal<VictimServicesDbContext>(Identity);
        return app;
    }
}
