using Partnership.Contracts;
using Partnership.Safeguarding.Grpc;
using Partnership.Safeguarding.Rules;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Portal;

namespace Partnership.Safeguarding;

public static class Extensions
{
    // Districts send their figures; the force sends the force-wide unique-person counts.
    public static readonly ServiceIdentity Identity = new("safeguarding", EventTopics.Safeguarding, Roles.SafeguardingSubmitter, ExpectedReturns.Districts | ExpectedReturns.ForceArea);

    public static IHostApplicationBuilder AddSafeguarding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSubmissionPipeline<SafeguardingDbContext>(builder.Configuration, Identity);
        builder.Services.AddReturnRule<SafeguardingDbContext, PartNeverExceedsWholeRule>();
        builder.Services.AddScopedReturnRule<SafeguardingDbContext, ForceFigureAtLeastLargestDistrictRule>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSafeguarding(this IEndpointRouteBuilder app)
    {
        app.MapPartnerGrpcService<SafeguardingService>();
        app.MapSubmissionEndpoints();
        app.MapReturnPortal<SafeguardingDbContext>(Identity);
        return app;
    }
}
