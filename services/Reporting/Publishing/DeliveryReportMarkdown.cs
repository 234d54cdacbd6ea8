using System.Text;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report as published: per theme and objective, one table row per measure for the county and one
/// for each district under it (or only the district asked for), with notes under the table.
/// </summary>
public static class DeliveryReportMarkdown
{
    public static void Write(DeliveryReport report, TextWriter output, string? district = null)
    {
        output.WriteLine($"# Delivery Quarterly Report: {report.Force.Name}, {report.Window.Label}");
        output.WriteLine();
        output.WriteLine($"{report.PlanTitle}. {(report.Audience == ReportAudience.Public ? $"Public view: {Cell(report.Edition?.Describe() ?? "the published edition")}." : "Partner view: live figures, not a published edition.")}");
        if (report.Edition?.DescribeCorrection() is { Length: > 0 } correction)
        {
            output.WriteLine();
            output.WriteLine(Cell(correction));
        }

        foreach (var kind in report.Comparisons)
        {
            var windows = ComparisonWindows.For(kind, report.Window);
            output.WriteLine();
            output.WriteLine($"## {Capitalise(FigureText.ComparisonName(kind))}: {windows.Current.Label} against {windows.Previous.Label}");
            var notes = new List<string>();
            foreach (var theme in report.Themes)
            {
                output.WriteLine();
                output.WriteLine($"### {theme.Name}");
                if (theme.Commentary.Length > 0)
                {
                    output.WriteLine();
                    output.WriteLine(Cell(theme.Commentary));
                }

                foreach (var objective in theme.Objectives)
                {
                    output.WriteLine();
                    output.WriteLine($"**{objective.Name}**");
                    output.WriteLine();
                    output.WriteLine($"| Measure | Area | {windows.Previous.Label} | {windows.Current.Label} | Difference | Trend | Status | Comment |");
                    output.WriteLine("|---|---|--:|--:|--:|:-:|:-:|---|");
                    foreach (var measure in objective.Measures)
                    {
                        var first = true;
                        foreach (var area in ReportAreas.Shown(measure, district))
                        {
                            Row(output, measure, area, area.For(kind)!, first, notes);
                            first = false;
                        }
                    }
                }
            }

            if (notes.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Notes:");
                output.WriteLine();
                for (var i = 0; i < notes.Count; i++)
                {
                    output.WriteLine($"{i + 1}. {Cell(notes[i])}");
                }
            }
        }

        AgainstOtherForces(report, output);
        if (FigureText.BreakNotes(report) is { Count: > 0 } breaks)
        {
            output.WriteLine();
            output.WriteLine("## Series breaks");
            output.WriteLine();
            foreach (var note in breaks)
            {
                output.WriteLine($"- {Cell(note)}");
            }

            output.WriteLine();
            output.WriteLine(FigureText.BreakLegend);
        }

        output.WriteLine();
        output.WriteLine(FigureText.Legend);
    }

    // Each row says its own window: it is one of the report's windows, but not always the report's own.
    private static void AgainstOtherForces(DeliveryReport report, TextWriter output)
    {
        var compared = ForcesText.Compared(report).ToList();
        if (compared.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"## {ForcesText.Heading}");
        output.WriteLine();
        output.WriteLine($"| Measure | Window | {Cell(report.Force.Name)} | Most similar group average | England and Wales | In most similar group | Among all forces | Notes |");
        output.WriteLine("|---|---|--:|--:|--:|---|---|---|");
        foreach (var measure in compared)
        {
            var c = measure.Forces!;
            output.WriteLine(
                $"| {Cell(measure.Plan.Label)} | {c.Window.Label} | {ForcesText.Rate(c.Force.Value)} | {ForcesText.GroupAverage(c)} | {ForcesText.Rate(c.EnglandAndWales)} | {ForcesText.GroupRank(c)} | {ForcesText.NationalRank(c)} | {Cell(ForcesText.Notes(c))} |");
        }
    }

    // The measure is named on its first row only, as the published tables do; the rows under it are its districts.
    private static void Row(TextWriter output, MeasureReport measure, AreaReport area, AreaComparison c, bool first, List<string> notes)
    {
        var note = c.Current.HasValue || c.Current.Withheld ? "" : c.Current.Explanation;
        // A figure with a note worth reading beside it: provisional (which districts are missing), or
        // chosen between returns in conflict (both are named, so the reader sees the one not used).
        if (c.Current.HasValue && c.Current.Explanation.Length > 0 && (c.Current.Provisional || c.Current.Sources.Any(s => !s.Used)))
        {
            note = c.Current.Explanation;
        }

        // A rate per 1,000 says what it divides by, and whose estimate that is.
        if (c.Current.Population is { } population)
        {
            note = string.Join(" ", new[] { note, FigureText.PopulationNote(population) + "." }.Where(n => n.Length > 0));
        }

        var marker = "";
        if (note.Length > 0)
        {
            notes.Add(area.IsCounty ? note : $"{area.Area.Name}: {note}");
            marker = $" [{notes.Count}]";
        }

        var label = first ? Cell(measure.Plan.Label) : "";
        output.WriteLine(
            $"| {label} | {Cell(area.Area.Name)}{marker} | {Shown(measure, c.Previous)} | {Shown(measure, c.Current)} | {FigureText.Qualified(FigureText.Change(measure.Unit, c.Change), c)} | {(area.IsCounty ? FigureText.Qualified(FigureText.Arrow(measure.Trend, c), c) : "")} | {FigureText.Status(c.Status)} | {(area.IsCounty ? Cell(measure.Comment) : "")} |");
    }

    private static string Shown(MeasureReport measure, ReportCell cell)
    {
        var text = FigureText.Value(measure.Unit, cell);
        return cell.AsOf is { } asOf && cell.HasValue ? $"{text} at {FigureText.Iso(asOf)}" : text;
    }

    /// <summary>
    /// Text a partner wrote (a note, a comment, a source's name) as inert Markdown: HTML is shown, not run, and
    /// it can neither end the table cell nor make a link. Backslash first, so a partner's own cannot undo ours.
    /// </summary>
    internal static string Cell(string text)
    {
        var cell = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            cell.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\\' or '|' or '[' or ']' or '`' => $"\\{c}",
                _ => c.ToString(),
            });
        }

        return cell.ToString();
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
