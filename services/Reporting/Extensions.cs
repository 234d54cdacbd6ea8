using Microsoft.Extensions.DependencyInjection.Extensions;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Editions;
using Partnership.Reporting.Grpc;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Storage;

namespace Partnership.Reporting;

public static class Extensions
{
    public const string DatabaseName = "reporting";

    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPartnershipDatabase<ReportingDbContext>(builder.Configuration, DatabaseName);
        builder.Services.AddReferenceData(builder.Configuration);
        builder.Services.TryAddSingleton<ReadAccess>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddPartnershipEventBus(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReportChangeNotifier>();
        builder.Services.AddSingleton<QuarterlyUpdateHandler>();
        builder.Services.AddSingleton<IQuarterlyUpdateSubscriber>(sp => sp.GetRequiredService<QuarterlyUpdateHandler>());
        builder.Services.AddSingleton<DeadLetterLog>();
        builder.Services.AddSingleton<DeadLetterView>();
        builder.Services.AddScoped<CountyRollupQuery>();
        builder.Services.AddSingleton(sp => DeliveryPlans.Load(sp.GetRequiredService<Geography>(), sp.GetRequiredService<MeasureCatalogue>(), builder.Configuration.GetSection("Reporting:PlanFiles").Get<string[]>()));
        builder.Services.AddHostedService<PlansCheckedAtStart>();
        builder.Services.AddSingleton(_ => MostSimilarGroups.LoadBuiltIn());
        builder.Services.AddSingleton(_ => PoliceForces.LoadBuiltIn());
        builder.Services.AddSingleton<ForceComparer>();
        builder.Services.AddScoped<NationalFigureStore>();
        builder.Services.AddSingleton<DeliveryReportBuilder>();
        builder.Services.TryAddSingleton(sp => SeriesBreaks.Load(sp.GetRequiredService<MeasureCatalogue>(), builder.Configuration["Reporting:SeriesBreaksFile"]));
        builder.Services.AddOptions<ReportCacheOptions>().Bind(builder.Configuration.GetSection("Reporting:ReportCache"));
        builder.Services.AddSingleton<ForceFiguresCache>();
        builder.Services.AddSingleton<ReportCacheWarmth>();
        builder.Services.AddHealthChecks().AddCheck<ReportCacheWarmth>(ReportCacheWarmth.CheckName, tags: ["ready"]);
        builder.Services.AddHostedService<ReportCacheWarmUp>();
        builder.Services.AddSingleton<IReportDisclosure, DeliveryReportDisclosure>();
        builder.Services.AddScoped<ReadAuditLog>();
        builder.Services.AddScoped<DeliveryReportQuery>();
        builder.Services.AddScoped<ReceivedReturnsQuery>();
        builder.Services.AddScoped<PublishedEditions>();
        builder.Services.AddScoped<EditionBook>();
        // The dashboard's partner view is read from a browser too: its session (docs/security.md).
        builder.AddBrowserSignIn();
        // The dashboard and edition pages are Razor components rendered on the server, with no interactivity.
        builder.Services.AddRazorComponents();
        builder.Services.AddOptions<PdfOptions>().Bind(builder.Configuration.GetSection("Reporting:Pdf"));
        builder.Services.AddSingleton<ChromiumPdf>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        app.MapPartnerGrpcService<ReportingService>();
        app.MapPartnerGrpcService<DeliveryReportsService>();
        app.MapDeliveryDashboard();
        app.MapEditionPages();
        app.MapBrowserSignIn();
        app.MapPartnerGrpcService<ReportingOperationsService>();
        app.MapPartnerGrpcService<EditionsService>();
        return app;
    }
}
