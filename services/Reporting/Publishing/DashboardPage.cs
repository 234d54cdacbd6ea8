using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

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
/// The dashboard as one self-contained HTML page rendered on the server: the report table by theme,
/// a chart of each measure's series with district lines as inline SVG, and filters for period,
/// comparison, district and audience. No script or style comes from anywhere but this page.
/// </summary>
public static class DashboardPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly string[] Palette = ["#1b6ca8", "#d1495b", "#66a182", "#edae49", "#8d6a9f", "#00798c", "#7a5c3e"];

    public static string Render(DeliveryReport report, DashboardFilters filters)
    {
        var page = new StringBuilder();
        var windows = ComparisonWindows.For(filters.Comparison, report.Window);
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E($"Delivery Quarterly Report: {report.Force.Name}, {report.Window.Label}")).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><h1>Delivery Quarterly Report</h1><p class=\"sub\">").Append(E(report.PlanTitle)).Append(" &middot; ").Append(E(report.Force.Name))
            .Append(" &middot; <span id=\"window\">").Append(E(report.Window.Label)).Append("</span> &middot; ")
            .Append(E(report.Audience == ReportAudience.Public ? $"public view: {report.Edition?.Describe() ?? "the published edition"} (disclosure control applied)" : "partner view: live figures, not a published edition (true figures)")).Append("</p>");
        if (report.Edition?.DescribeCorrection() is { Length: > 0 } correction)
        {
            page.Append("<p class=\"correction\">").Append(E(correction)).Append("</p>");
        }
        if (filters.Interactive)
        {
            Filters(page, report, filters);
        }

        page.Append("</header><main>");
        if (filters.Layout != ReportLayout.Full)
        {
            if (filters.Layout == ReportLayout.Summary)
            {
                LayoutHtml.Summary(page, SummaryLayout.Of(report, filters.Comparison));
            }
            else
            {
                LayoutHtml.Monitoring(page, MonitoringLayout.Of(report));
            }

            page.Append("<footer>").Append(E(FigureText.Legend)).Append("</footer></main>");
            return Close(page, filters);
        }

        page.Append("<p class=\"cmp\">").Append(E($"{Capitalise(FigureText.ComparisonName(filters.Comparison))}: {windows.Current.Label} against {windows.Previous.Label}")).Append("</p>");
        foreach (var theme in report.Themes)
        {
            page.Append("<section class=\"theme\" data-theme=\"").Append(E(theme.Id)).Append("\"><h2>").Append(E(theme.Name)).Append("</h2>");
            if (theme.Commentary.Length > 0)
            {
                page.Append("<p class=\"commentary\">").Append(E(theme.Commentary)).Append("</p>");
            }

            page.Append("<table class=\"report\"><thead><tr><th>Measure</th><th>Area</th><th>").Append(E(windows.Previous.Label)).Append("</th><th>")
                .Append(E(windows.Current.Label)).Append("</th><th>Difference</th><th>Trend</th><th>Status</th><th>Notes</th></tr></thead>");
            foreach (var objective in theme.Objectives)
            {
                page.Append("<tbody><tr class=\"objective\"><th colspan=\"8\">").Append(E(objective.Name)).Append("</th></tr>");
                foreach (var measure in objective.Measures)
                {
                    Row(page, measure, filters);
                }

                page.Append("</tbody>");
            }

            page.Append("</table><div class=\"charts\">");
            foreach (var measure in theme.Objectives.SelectMany(o => o.Measures).Where(m => m.Series.Count > 0))
            {
                Chart(page, measure, filters.District);
            }

            page.Append("</div></section>");
        }

        AgainstOtherForces(page, report);
        page.Append("<footer>");
        if (FigureText.BreakNotes(report) is { Count: > 0 } breaks)
        {
            page.Append("<section class=\"breaks\"><h2>Series breaks</h2><ul>");
            foreach (var note in breaks)
            {
                page.Append("<li>").Append(E(note)).Append("</li>");
            }

            page.Append("</ul><p>").Append(E(FigureText.BreakLegend)).Append("</p></section>");
        }

        page.Append(E(FigureText.Legend)).Append("</footer>");
        page.Append("</main>");
        return Close(page, filters);
    }

    private static string Close(StringBuilder page, DashboardFilters filters)
    {
        if (filters.Interactive)
        {
            // Filters apply as soon as they change; the Show button does the same without script.
            page.Append("<script>for (const s of document.querySelectorAll('#force select, #filters select')) s.addEventListener('change', () => s.form.submit());</script>");
        }

        page.Append("</body></html>");
        return page.ToString();
    }

    private static void AgainstOtherForces(StringBuilder page, DeliveryReport report)
    {
        var compared = ForcesText.Compared(report).ToList();
        if (compared.Count == 0)
        {
            return;
        }

        page.Append("<section class=\"theme forces\"><h2>").Append(E(ForcesText.Heading)).Append("</h2><table class=\"report\"><thead><tr><th>Measure</th><th>Window</th><th>")
            .Append(E(report.Force.Name)).Append("</th><th>Most similar group average</th><th>England and Wales</th><th>In most similar group</th><th>Among all forces</th><th>Notes</th></tr></thead><tbody>");
        foreach (var measure in compared)
        {
            var c = measure.Forces!;
            page.Append("<tr data-measure=\"").Append(E(measure.Id)).Append("\"><td>").Append(E(measure.Plan.Label)).Append("</td><td>").Append(E(c.Window.Label))
                .Append("</td><td class=\"num\">").Append(E(ForcesText.Rate(c.Force.Value))).Append("</td><td class=\"num\">").Append(E(ForcesText.GroupAverage(c)))
                .Append("</td><td class=\"num\">").Append(E(ForcesText.Rate(c.EnglandAndWales))).Append("</td><td class=\"rank\">").Append(E(ForcesText.GroupRank(c)))
                .Append("</td><td class=\"rank\">").Append(E(ForcesText.NationalRank(c))).Append("</td><td>").Append(E(ForcesText.Notes(c))).Append("</td></tr>");
        }

        page.Append("</tbody></table></section>");
    }

    private static void Filters(StringBuilder page, DeliveryReport report, DashboardFilters filters)
    {
        // A form of its own: another force's districts and windows differ, so switching force starts afresh.
        if (filters.Forces.Count > 0)
        {
            page.Append("<form id=\"force\" method=\"get\" action=\"/\">");
            Select(page, "area", "Force", filters.Forces.Select(f => (f.Code, f.Name)), report.Force.Code);
            page.Append("<button type=\"submit\">Go</button></form>");
        }

        page.Append("<form id=\"filters\" method=\"get\" action=\"/\"><input type=\"hidden\" name=\"area\" value=\"").Append(E(report.Force.Code)).Append("\">");
        Select(page, "period", "Period", filters.Windows.Select(w => (w.Label, w.Label)).Prepend((report.Window.Label, report.Window.Label)).Distinct(), report.Window.Label);
        Select(page, "compare", "Compare with", ComparisonWindows.All.Select(k => (FigureText.ComparisonSlug(k), Capitalise(FigureText.ComparisonName(k)))), FigureText.ComparisonSlug(filters.Comparison));
        Select(page, "district", "District", report.Districts.Select(d => (d.Code, d.Name)).Prepend(("", "All districts")), filters.District ?? "");
        Select(page, "view", "View", [("public", "Public"), ("partner", "Partner")], report.Audience == ReportAudience.Public ? "public" : "partner");
        Select(page, "layout", "Layout", [("full", "Full table"), ("summary", "Summary"), ("monitoring", "Monitoring appendix")], ReportRenderer.Slug(filters.Layout));
        page.Append("<button type=\"submit\">Show</button> <a href=\"").Append(E(Download(report, filters, "/report.csv"))).Append("\">CSV</a> <a href=\"")
            .Append(E(Download(report, filters, "/report.md"))).Append("\">Markdown</a> <a href=\"")
            .Append(E(Download(report, filters, "/report.xlsx"))).Append("\">Excel</a> <a href=\"")
            .Append(E(Download(report, filters, "/report.pdf"))).Append("\">PDF</a></form>");
    }

    private static string Download(DeliveryReport report, DashboardFilters filters, string path) =>
        $"{path}?area={Uri.EscapeDataString(report.Force.Code)}&period={Uri.EscapeDataString(report.Window.Label)}&compare={FigureText.ComparisonSlug(filters.Comparison)}&view={(report.Audience == ReportAudience.Public ? "public" : "partner")}"
        + (filters.District is { Length: > 0 } district ? $"&district={Uri.EscapeDataString(district)}" : "")
        + (filters.Layout != ReportLayout.Full ? $"&layout={ReportRenderer.Slug(filters.Layout)}" : "");

    private static void Select(StringBuilder page, string name, string label, IEnumerable<(string Value, string Text)> options, string selected)
    {
        page.Append("<label>").Append(E(label)).Append(" <select name=\"").Append(name).Append("\" id=\"").Append(name).Append("\">");
        foreach (var (value, text) in options)
        {
            page.Append("<option value=\"").Append(E(value)).Append('"').Append(value == selected ? " selected" : "").Append('>').Append(E(text)).Append("</option>");
        }

        page.Append("</select></label> ");
    }

    private static void Row(StringBuilder page, MeasureReport measure, DashboardFilters filters)
    {
        var areas = ReportAreas.Shown(measure, filters.District);
        var first = true;
        foreach (var area in areas)
        {
            var c = area.For(filters.Comparison)!;
            page.Append("<tr data-measure=\"").Append(E(measure.Id)).Append("\" data-area=\"").Append(E(area.Area.Code)).Append("\" class=\"")
                .Append(area.IsCounty ? "county" : "district").Append("\">");
            page.Append(first ? $"<td class=\"label\" rowspan=\"{areas.Count}\">{E(measure.Plan.Label)}{TargetText(measure)}</td>" : "");
            page.Append("<td>").Append(E(area.Area.Name)).Append("</td>");
            Figure(page, "previous", measure.Unit, c.Previous);
            Figure(page, "current", measure.Unit, c.Current);
            var spans = c.Break is { } b ? $" data-break=\"{FigureText.Iso(b.Date)}\" title=\"{E($"Series break on {b.DateText}: {b.Reason}")}\"" : "";
            page.Append("<td class=\"num\" data-cell=\"change\"").Append(spans).Append('>').Append(E(FigureText.Qualified(FigureText.Change(measure.Unit, c.Change), c))).Append("</td>");
            page.Append("<td class=\"trend\" data-cell=\"trend\"").Append(spans).Append('>').Append(area.IsCounty ? E(FigureText.Qualified(FigureText.Arrow(measure.Trend, c), c)) : "").Append("</td>");
            page.Append("<td data-cell=\"status\"").Append(c.Status is { } s ? $" class=\"rag {s.Status.ToString().ToLowerInvariant()}\"" : "").Append('>')
                .Append(E(FigureText.Status(c.Status))).Append("</td>");
            page.Append("<td class=\"note\">").Append(E(Notes(measure, area, c))).Append("</td></tr>");
            first = false;
        }
    }

    private static void Figure(StringBuilder page, string name, string unit, ReportCell cell)
    {
        page.Append("<td class=\"num\" data-cell=\"").Append(name).Append("\" data-value=\"").Append(cell.Withheld ? "*" : FigureDisplay.Full(cell.Value)).Append('"');
        if (cell.Explanation.Length > 0)
        {
            page.Append(" title=\"").Append(E(cell.Explanation)).Append('"');
        }

        page.Append('>').Append(E(FigureText.Value(unit, cell)));
        if (cell.AsOf is { } asOf && cell.HasValue)
        {
            page.Append("<small> at ").Append(FigureText.Iso(asOf)).Append("</small>");
        }

        page.Append("</td>");
    }

    private static string TargetText(MeasureReport measure) => measure.Target switch
    {
        null => "",
        // A milestone or a status set by hand has no figure: what it rests on is the target's text.
        { JudgesFigures: false } => $"<small class=\"target\">{E(measure.Status?.Reason ?? "")}</small>",
        { } target => $"<small class=\"target\">Target: {(measure.TargetFigure is { } figure ? E(FigureText.Target(measure.Unit, figure)) : "baseline not held")}{(target.EffectiveWindowMonths is { } months ? $" ({months} months)" : "")}</small>",
    };

    private static string Notes(MeasureReport measure, AreaReport area, AreaComparison c)
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

    private static void Chart(StringBuilder page, MeasureReport measure, string? district)
    {
        const int width = 420, height = 190, left = 58, right = 12, top = 12, bottom = 34;
        var lines = measure.Series.Where(l => l.IsCounty || district is not { Length: > 0 } || l.Area.Code == district).ToList();
        var values = lines.SelectMany(l => l.Points).Select(p => p.Value).OfType<decimal>().ToList();
        page.Append("<figure class=\"chart\"><figcaption>").Append(E(measure.Plan.Label)).Append("</figcaption>");
        if (values.Count == 0)
        {
            page.Append("<p class=\"empty\">No figures to chart.</p></figure>");
            return;
        }

        // The axis is in the scale a target is written in (a rate as a percentage), labelled in its unit.
        var scale = measure.Kind == FigureKind.Ratio ? 100m : 1m;
        var axisUnit = FigureDisplay.ScaleOf(measure.Unit);
        var max = values.Max() * scale;
        // Rates and percentages move within a few points: a zero baseline would flatten them.
        var min = measure.Kind == FigureKind.Count ? Math.Min(0m, values.Min() * scale) : values.Min() * scale;
        if (max == min)
        {
            max = min + 1m;
        }

        var windows = lines[0].Points.Select(p => p.Window).ToList();
        double X(int i) => left + (windows.Count == 1 ? 0 : i * (width - left - right) / (double)(windows.Count - 1));
        double Y(decimal v) => top + ((double)((max - (v * scale)) / (max - min)) * (height - top - bottom));

        page.Append(Invariant, $"<svg data-chart=\"{E(measure.Id)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(measure.Plan.Label)} over time\">");
        page.Append(Invariant, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" class=\"axis\"/>");
        page.Append(Invariant, $"<text x=\"{left - 4}\" y=\"{top + 4}\" class=\"tick\" text-anchor=\"end\">{E(FigureDisplay.Value(axisUnit, max))}</text>");
        page.Append(Invariant, $"<text x=\"{left - 4}\" y=\"{height - bottom}\" class=\"tick\" text-anchor=\"end\">{E(FigureDisplay.Value(axisUnit, min))}</text>");
        page.Append(Invariant, $"<text x=\"{left}\" y=\"{height - 18}\" class=\"tick\">{E(windows[0].Label)}</text>");
        page.Append(Invariant, $"<text x=\"{width - right}\" y=\"{height - 18}\" class=\"tick\" text-anchor=\"end\">{E(windows[^1].Label)}</text>");
        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            var colour = line.IsCounty ? "#222" : Palette[(l - 1 + Palette.Length) % Palette.Length];
            var points = line.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).ToList();
            page.Append(Invariant, $"<g data-area=\"{E(line.Area.Code)}\" class=\"{(line.IsCounty ? "county" : "district")}\">");
            page.Append(Invariant, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(line.IsCounty ? 2.5 : 1.2)}\" points=\"{string.Join(" ", points.Select(x => string.Create(Invariant, $"{X(x.i):0.#},{Y(x.p.Value!.Value):0.#}")))}\"/>");
            foreach (var (p, i) in points)
            {
                page.Append(Invariant, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.Value!.Value):0.#}\" r=\"{(line.IsCounty ? 3 : 2)}\" fill=\"{colour}\" data-window=\"{E(p.Window.Label)}\" data-value=\"{FigureDisplay.Full(p.Value)}\"><title>{E($"{line.Area.Name}, {p.Window.Label}: {FigureDisplay.Value(measure.Unit, p.Value!.Value)}{(p.Provisional ? " (p)" : "")}")}</title></circle>");
            }

            page.Append("</g>");
        }

        BreakMarks(page, measure, windows, X, top, height - bottom);
        page.Append("</svg><p class=\"legend\">");
        for (var l = 0; l < lines.Count; l++)
        {
            var colour = lines[l].IsCounty ? "#222" : Palette[(l - 1 + Palette.Length) % Palette.Length];
            page.Append(Invariant, $"<span><i style=\"background:{colour}\"></i>{E(lines[l].Area.Name)}</span> ");
        }

        page.Append("</p></figure>");
    }

    // A dashed line where the series breaks: between the last window before the break and the first
    // from it, or on the window the break falls inside.
    private static void BreakMarks(StringBuilder page, MeasureReport measure, List<Period> windows, Func<int, double> x, int top, int bottom)
    {
        foreach (var b in measure.Breaks)
        {
            var i = windows.FindIndex(w => w.End >= b.Date);
            if (i < 0 || (i == 0 && windows[0].Start >= b.Date))
            {
                continue;
            }

            var at = windows[i].Start >= b.Date ? (x(i - 1) + x(i)) / 2 : x(i);
            page.Append(Invariant, $"<line data-break=\"{FigureText.Iso(b.Date)}\" x1=\"{at:0.#}\" y1=\"{top}\" x2=\"{at:0.#}\" y2=\"{bottom}\" class=\"break\" stroke=\"#b00\" stroke-dasharray=\"4 3\">")
                .Append("<title>").Append(E($"Series break on {b.DateText}: {b.Reason}")).Append("</title></line>");
        }
    }

    private static string E(string text) => Html.Encode(text);

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private const string Style = """
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
