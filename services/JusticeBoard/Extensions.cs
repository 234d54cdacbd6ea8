using Microsoft.Extensions.DependencyInjection.Extensions;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.JusticeBoard.Grpc;
using Partnership.JusticeBoard.Portal;
using Partnership.JusticeBoard.Returns;
using Partnership.JusticeBoard.Rules;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Portal;

namespace Partnership.JusticeBoard;

public static class Extensions
{
    public static readonly ServiceIdentity Identity = new("justice-board", EventTopics.JusticeBoard, Roles.LcjbSubmitter);

    public static IHostApplicationBuilder AddJusticeBoard(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSubmissionPipeline<JusticeBoardDbContext>(configuration, Identity);
        builder.Services.TryAddSingleton(sp => Courts.Load(sp.GetRequiredService<Geography>(), configuration["Courts:File"]));
        builder.Services.TryAddSingleton(sp => VictimsCodeFramework.Load(sp.GetRequiredService<MeasureCatalogue>(), configuration["JusticeBoard:VictimsCodeFile"]));
        builder.Services.AddReturnRule<JusticeBoardDbContext, CourtBacklogRule>();
        builder.Services.AddReturnRule<JusticeBoardDbContext, TrialOutcomesRule>();
        builder.Services.AddReturnRule<JusticeBoardDbContext, CaseProgressionRule>();
        builder.Services.AddReturnRule<JusticeBoardDbContext, VictimsCodeRule>();
        builder.Services.AddScoped<IPortalTypedIntake<JusticeBoardDbContext>, JusticePortalIntake>();
        return builder;
    }

    public static IEndpointRouteBuilder MapJusticeBoard(this IEndpointRouteBuilder app)
    {
        app.MapPartnerGrpcService<JusticeBoardService>();
        app.MapSubmissionEndpoints();
        app.MapReturnPortal<JusticeBoardDbContext>(Identity);
        return app;
    }
}
