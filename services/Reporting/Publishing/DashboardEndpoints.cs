using Microsoft.AspNetCore.Http.HttpResults;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Editions;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing.Pages;
using Partnership.Security;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The dashboard on the aggregator's HTTP/1.1 port: <c>/</c> (HTML), <c>/report.csv</c>,
/// <c>/report.md</c>, <c>/report.xlsx</c> and <c>/report.pdf</c>, filtered by query string: area,
/// period, compare, district, view, and layout (full, summary or monitoring; the workbook and the PDF
/// hold both layouts). CSV is sent with a UTF-8 byte order mark, so Excel reads accented names.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryDashboard(this IEndpointRouteBuilder app)
    {
        // The public view is the latest published edition: anyone may read it. The partner view (the
        // live figures) needs the partner or safeguarding reader role, from a bearer token or a browser's
        // session (DeliveryReportQuery refuses it otherwise); a browser without either is sent to sign in.
        var dashboard = app.MapGroup("").AllowAnonymous();
        dashboard.MapGet("/", (HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, CancellationToken ct) =>
            RenderAsync(request, query, published, plans, geography, PublishedFormat.Html, ct));
        dashboard.MapGet("/report.csv", (HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, CancellationToken ct) =>
            RenderAsync(request, query, published, plans, geography, PublishedFormat.Csv, ct));
        dashboard.MapGet("/report.md", (HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, CancellationToken ct) =>
            RenderAsync(request, query, published, plans, geography, PublishedFormat.Markdown, ct));
        dashboard.MapGet("/report.xlsx", (HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, CancellationToken ct) =>
            RenderAsync(request, query, published, plans, geography, PublishedFormat.Xlsx, ct));
        dashboard.MapGet("/report.pdf", (HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, ChromiumPdf pdf, CancellationToken ct) =>
            // Said before the report is built: without Chromium there is nothing to wait for.
            pdf.Unavailable is { } why
                ? Task.FromResult(Results.Text(why, statusCode: StatusCodes.Status503ServiceUnavailable))
                : RenderAsync(request, query, published, plans, geography, PublishedFormat.Print, ct, pdf));
        return app;
    }

    private static async Task<IResult> RenderAsync(
        HttpRequest request, DeliveryReportQuery query, PublishedEditions published, DeliveryPlans plans, Geography geography, PublishedFormat format, CancellationToken ct, ChromiumPdf? pdf = null)
    {
        var q = request.Query;
        var layout = ReportLayout.Full;
        if (q["layout"].FirstOrDefault() is { Length: > 0 } layoutText && !ReportRenderer.TryParseLayout(layoutText, out layout))
        {
            return Results.BadRequest($"layout: '{layoutText}' is not one of full, summary, monitoring.");
        }

        var force = q["area"].FirstOrDefault() is { Length: > 0 } area ? Geography.Canonical(area) : plans.All.OrderBy(p => p.ForceAreaCode, StringComparer.Ordinal).FirstOrDefault()?.ForceAreaCode;
        if (force is null || !plans.TryGet(force, out _))
        {
            return Results.BadRequest($"'{force}' is not a force area.");
        }

        var comparison = ComparisonKind.PreviousYear;
        if (q["compare"].FirstOrDefault() is { Length: > 0 } compare && !FigureText.TryParseComparison(compare, out comparison))
        {
            return Results.BadRequest($"compare: '{compare}' is not one of previous-year, rolling-12-months, year-to-date.");
        }

        var audience = string.Equals(q["view"].FirstOrDefault(), "partner", StringComparison.OrdinalIgnoreCase) ? ReportAudience.Partner : ReportAudience.Public;
        if (audience == ReportAudience.Partner && BrowserSignIn.ShouldSignIn(request.HttpContext))
        {
            return BrowserSignIn.SignInFirst(request);
        }

        var forces = geography.Areas.Where(a => a.Type == AreaType.Force).OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => (a.Code, plans.HasOwnPlan(a.Code) ? a.Name : $"{a.Name} (core measures)")).ToList();

        // The public picks among the published editions' windows, the partner among every window held.
        var windows = audience == ReportAudience.Public ? await published.PeriodsAsync(force, ct) : await query.WindowsAsync(force, ct);
        if (audience == ReportAudience.Public && windows.Count == 0)
        {
            return NotPublished(format, PublishedEditions.NothingPublished(geography.Get(force)), force, forces);
        }

        Period period;
        if (q["period"].FirstOrDefault() is { Length: > 0 } text)
        {
            if (!Period.TryParse(text, out period, out var error))
            {
                return Results.BadRequest($"period: {error}");
            }
        }
        else if (audience == ReportAudience.Public)
        {
            period = windows[0];
        }
        else
        {
            // The latest quarter whose expected returns are all in: what a reader opening the dashboard wants to see.
            period = LandingPeriod.Choose(windows, await query.ReturnsAsync(force, ct))
                ?? windows.FirstOrDefault(Period.FinancialQuarter(Period.FinancialYearStarting(DateOnly.FromDateTime(DateTime.UtcNow)), 1));
        }

        var district = q["district"].FirstOrDefault() is { Length: > 0 } d ? Geography.Canonical(d) : null;
        DeliveryReport report;
        try
        {
            ComparisonKind[] comparisons = ReportRenderer.NeedsYearToDate(format, layout) && comparison != ComparisonKind.YearToDate ? [comparison, ComparisonKind.YearToDate] : [comparison];
            report = await query.GetAsync(force, period, comparisons, audience, includeSeries: format == PublishedFormat.Html && layout == ReportLayout.Full, ct);
        }
        catch (AccessDeniedException denied)
        {
            return Results.Text(denied.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException missing)
        {
            return NotPublished(format, missing.Message, force, forces);
        }

        if (district is not null && report.Districts.All(d => d.Code != district))
        {
            return Results.BadRequest(
                $"district: '{district}' is not a district of {report.Force.Name} in {report.Window.Label}; the districts are {string.Join(", ", report.Districts.Select(d => $"{d.Code} ({d.Name})"))}.");
        }

        var pickable = windows.Where(w => w.Kind is PeriodKind.Quarter or PeriodKind.FinancialYear or PeriodKind.HalfYear).ToList();
        var filters = new DashboardFilters(comparison, district, pickable) { Forces = forces, Layout = layout };
        if (format == PublishedFormat.Html)
        {
            return new RazorComponentResult<Dashboard>(new Dictionary<string, object?> { [nameof(Dashboard.Report)] = report, [nameof(Dashboard.Filters)] = filters });
        }

        var document = ReportRenderer.Render(report, format, filters);
        switch (format)
        {
            case PublishedFormat.Xlsx:
                return Results.File(document.Bytes!, document.ContentType, document.FileName);
            case PublishedFormat.Print:
                try
                {
                    return Results.File(await pdf!.PrintAsync(document.Content, ct), "application/pdf", Path.ChangeExtension(document.FileName, ".pdf"));
                }
                catch (PdfUnavailableException e)
                {
                    return Results.Text(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
                }

            case PublishedFormat.Csv:
                return Results.Bytes(CsvBytes.WithByteOrderMark(document.Content), document.ContentType);
            default:
                return Results.Text(document.Content, document.ContentType);
        }
    }

    // A force with nothing published still offers the others: the page is where a reader picks one.
    private static IResult NotPublished(PublishedFormat format, string message, string force, IReadOnlyList<(string Code, string Name)> forces) =>
        format == PublishedFormat.Html
            ? new RazorComponentResult<NotPublished>(new Dictionary<string, object?>
            {
                [nameof(Pages.NotPublished.Message)] = message,
                [nameof(Pages.NotPublished.Force)] = force,
                [nameof(Pages.NotPublished.Forces)] = forces,
            })
            { StatusCode = StatusCodes.Status404NotFound }
            : Results.Text(message, statusCode: StatusCodes.Status404NotFound);
}
