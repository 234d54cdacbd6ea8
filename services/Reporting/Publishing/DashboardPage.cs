using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Publishing.Pages;

namespace Partnership.Reporting.Publishing;

/// <summary>What the dashboard's filters are set to, and what they can be set to.</summary>
public sealed record DashboardFilters(
    ComparisonKind Comparison,
    string? District,
    IReadOnlyList<Period> Windows,
    bool Interactive = true)
{
    /// <summary>The forces a reader can switch to, by name: code, and the name shown (which says when a force has no plan of its own).</summary>
    public IReadOnlyList<(string Code, string Name)> Forces { get; init; } = [];

    /// <summary>The table shown: the dashboard's full table, or one of the published layouts.</summary>
    public ReportLayout Layout { get; init; } = ReportLayout.Full;
}

/// <summary>
/// The dashboard as one self-contained HTML page rendered on the server (the <see cref="Dashboard"/>
/// component): the report table by theme, a chart of each measure's series with district lines as
/// inline SVG, and filters for force, period, comparison, district and audience. No script or style
/// comes from anywhere but this page. The texts the page shows are made here; the component lays them out.
/// </summary>
public static class DashboardPage
{
    // Filters apply as soon as they change; the Show and Go buttons do the same without script.
    public const string AutoSubmit = "<script>for (const s of document.querySelectorAll('#force select, #filters select')) s.addEventListener('change', () => s.form.submit());</script>";

    public static string Render(DeliveryReport report, DashboardFilters filters) =>
        StaticHtml.Render<Dashboard>(new Dictionary<string, object?> { [nameof(Dashboard.Report)] = report, [nameof(Dashboard.Filters)] = filters });

    /// <summary>Which view the page is, said under its title.</summary>
    public static string Audience(DeliveryReport report) => report.Audience == ReportAudience.Public
        ? $"public view: {report.Edition?.Describe() ?? "the published edition"} (disclosure control applied)"
        : "partner view: live figures, not a published edition (true figures)";

    public static string Download(DeliveryReport report, DashboardFilters filters, string path) =>
        $"{path}?area={Uri.EscapeDataString(report.Force.Code)}&period={Uri.EscapeDataString(report.Window.Label)}&compare={FigureText.ComparisonSlug(filters.Comparison)}&view={(report.Audience == ReportAudience.Public ? "public" : "partner")}"
        + (filters.District is { Length: > 0 } district ? $"&district={Uri.EscapeDataString(district)}" : "")
        + (filters.Layout != ReportLayout.Full ? $"&layout={ReportRenderer.Slug(filters.Layout)}" : "");

    /// <summary>The target under a measure's label, or null when it has none.</summary>
    public static string? Target(MeasureReport measure) => measure.Target switch
    {
        null => null,
        // A milestone or a status set by hand has no figure: what it rests on is the target's text.
        { JudgesFigures: false } => measure.Status?.Reason ?? "",
        { } target => $"Target: {(measure.TargetFigure is { } figure ? FigureText.Target(measure.Unit, figure) : "baseline not held")}{(target.EffectiveWindowMonths is { } months ? $" ({months} months)" : "")}",
    };

    /// <summary>What a row's notes cell says: the comment, how the county figure was made, and why a figure is missing or provisional.</summary>
    public static string Notes(MeasureReport measure, AreaReport area, AreaComparison c)
    {
        var notes = new List<string>();
        if (area.IsCounty && measure.Comment.Length > 0)
        {
            notes.Add(measure.Comment);
        }

        if (c.Current.DistrictSum is { } sum)
        {
            notes.Add($"District sum {FigureDisplay.Value(measure.Unit, sum)}.");
        }

        if (c.Current.Population is { } population)
        {
            notes.Add(FigureText.PopulationNote(population) + ".");
        }

        if (!c.Current.HasValue || c.Current.Provisional)
        {
            notes.Add(c.Current.Explanation);
        }

        if (area.IsCounty && c.Current.Source == Rollups.CountySource.SubmittedCountyFigure && c.Current.Sources.Count > 0)
        {
            notes.Add($"Force figure, revision {string.Join(", ", c.Current.Sources.Select(s => s.Revision).Distinct())}.");
        }
        else if (area.IsCounty && c.Current.Sources.Count > 0)
        {
            var revisions = c.Current.Sources.GroupBy(s => s.Revision).OrderBy(g => g.Key).Select(g => $"r{g.Key}\u00d7{g.Count()}");
            notes.Add($"{c.Current.Included.Count} of {c.Current.Included.Count + c.Current.Missing.Count} districts; returns {string.Join(", ", revisions)}.");
        }

        return string.Join(" ", notes.Where(n => n.Length > 0));
    }

    public static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    public const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
        header{background:#12355b;color:#fff;padding:14px 24px}header h1{margin:0;font-size:1.4rem}.sub{margin:4px 0 10px;opacity:.9}
        form label{margin-right:12px;font-size:.9rem}form a{color:#fff;margin-left:8px}select,button{font:inherit;padding:2px 6px}
        main{padding:12px 24px}.cmp{font-weight:600}h2{font-size:1.15rem;border-bottom:2px solid #12355b;padding-bottom:4px}
        table.report{border-collapse:collapse;width:100%;background:#fff;font-size:.88rem}
        table.report th,table.report td{border:1px solid #dde1e6;padding:4px 6px;vertical-align:top}
        table.report thead th{background:#e8edf3;text-align:left}tr.objective th{background:#f1f4f8;text-align:left;font-style:italic}
        td.num{text-align:right;white-space:nowrap}td.trend{text-align:center;font-size:1.1rem}tr.district td{color:#444;font-size:.82rem}
        td.label small.target{display:block;color:#555}td.note{font-size:.78rem;color:#555;max-width:28rem}
        td.rag{font-weight:600;text-align:center}td.green{background:#d8f0dd}td.amber{background:#fbe7c1}td.red{background:#f6d0d0}
        .charts{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0 24px}figure.chart{background:#fff;border:1px solid #dde1e6;margin:0;padding:8px}
        figcaption{font-size:.85rem;font-weight:600}.axis{stroke:#999}.tick{font-size:10px;fill:#555}
        .legend{font-size:.72rem;margin:2px 0}.legend span{margin-right:8px}.legend i{display:inline-block;width:10px;height:3px;margin-right:3px;vertical-align:middle}
        footer{font-size:.8rem;color:#555;margin:12px 0 24px}
        @media print{header form{display:none}header{background:none;color:#000}section.theme+section.theme{break-before:page}tr{break-inside:avoid}}
        """;
}
