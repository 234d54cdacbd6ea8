using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>The report as published: per theme and objective, one table row per measure, with notes under it.</summary>
public static class DeliveryReportMarkdown
{
    public static void Write(DeliveryReport report, TextWriter output)
    {
        output.WriteLine($"# Delivery Quarterly Report: {report.Force.Name}, {report.Window.Label}");
        output.WriteLine();
        output.WriteLine($"{report.PlanTitle}. {(report.Audience == ReportAudience.Public ? "Public" : "Partner")} view.");
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
                foreach (var objective in theme.Objectives)
                {
                    output.WriteLine();
                    output.WriteLine($"**{objective.Name}**");
                    output.WriteLine();
                    output.WriteLine($"| Measure | {windows.Previous.Label} | {windows.Current.Label} | Difference | Trend | Status | Comment |");
                    output.WriteLine("|---|--:|--:|--:|:-:|:-:|---|");
                    foreach (var measure in objective.Measures)
                    {
                        var c = measure.County.For(kind)!;
                        var note = c.Current.HasValue || c.Current.Withheld ? "" : c.Current.Explanation;
                        if (c.Current.Provisional && c.Current.HasValue && c.Current.Explanation.Length > 0)
                        {
                            note = c.Current.Explanation;
                        }

                        var marker = "";
                        if (note.Length > 0)
                        {
                            notes.Add(note);
                            marker = $" [{notes.Count}]";
                        }

                        output.WriteLine(
                            $"| {Cell(measure.Plan.Label)}{marker} | {Shown(measure, c.Previous)} | {Shown(measure, c.Current)} | {FigureText.Change(c.Change)} | {FigureText.Arrow(measure.Trend)} | {FigureText.Status(c.Status)} | {Cell(measure.Comment)} |");
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

        output.WriteLine();
        output.WriteLine("(p) provisional: a part is provisional or a district is missing. (s) arrow suggested by the aggregator from the series; other arrows are as submitted. * withheld from the public report (disclosure control). pp: percentage points.");
    }

    private static string Shown(MeasureReport measure, ReportCell cell)
    {
        var text = FigureText.Value(measure.Kind, cell);
        return cell.AsOf is { } asOf && cell.HasValue ? $"{text} at {FigureText.Iso(asOf)}" : text;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
