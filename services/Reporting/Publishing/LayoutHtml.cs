using System.Text;
using System.Text.Encodings.Web;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The summary layout and the monitoring appendix as HTML sections, one per theme: the dashboard shows
/// them under its filters, the printed report (<see cref="PrintPage"/>) one after the other.
/// </summary>
public static class LayoutHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static void Summary(StringBuilder page, SummaryLayout summary)
    {
        page.Append("<section class=\"layout summary\"><h2>").Append(E($"Summary: {summary.CurrentLabel} against {summary.PreviousLabel}")).Append("</h2>");
        foreach (var theme in summary.Groups.GroupBy(g => g.Theme))
        {
            page.Append("<section class=\"theme\"><h3>").Append(E(theme.Key)).Append("</h3><table class=\"report\"><thead><tr><th>Measure</th><th>")
                .Append(E(summary.PreviousLabel)).Append("</th><th>").Append(E(summary.CurrentLabel))
                .Append("</th><th>Difference</th><th>Difference %</th><th>Trend</th><th>Comment</th></tr></thead>");
            foreach (var group in theme)
            {
                page.Append("<tbody><tr class=\"objective\"><th colspan=\"7\">").Append(E(group.Objective)).Append("</th></tr>");
                foreach (var row in group.Rows)
                {
                    page.Append("<tr data-measure=\"").Append(E(row.MeasureId)).Append("\"><td>").Append(E(row.Measure))
                        .Append("</td><td class=\"num\" data-cell=\"previous\">").Append(E(row.Previous.Text))
                        .Append("</td><td class=\"num\" data-cell=\"current\">").Append(E(row.Current.Text))
                        .Append("</td><td class=\"num\" data-cell=\"difference\">").Append(E(row.DifferenceText))
                        .Append("</td><td class=\"num\" data-cell=\"difference-percent\">").Append(E(row.DifferencePercentText))
                        .Append("</td><td class=\"trend\" data-cell=\"trend\">").Append(E(row.Trend))
                        .Append("</td><td class=\"note\">").Append(E(row.Comment)).Append("</td></tr>");
                }

                page.Append("</tbody>");
            }

            page.Append("</table></section>");
        }

        page.Append("</section>");
    }

    public static void Monitoring(StringBuilder page, MonitoringLayout monitoring)
    {
        page.Append("<section class=\"layout monitoring\"><h2>").Append(E($"Monitoring appendix: {monitoring.YearToDateLabel}")).Append("</h2>");
        foreach (var theme in monitoring.Groups.GroupBy(g => g.Theme))
        {
            page.Append("<section class=\"theme\"><h3>").Append(E(theme.Key))
                .Append("</h3><table class=\"report\"><thead><tr><th>Measure</th><th>Target</th><th>Year-to-date target</th><th>Actual year to date</th><th>RAG</th><th>Comment</th></tr></thead>");
            foreach (var group in theme)
            {
                page.Append("<tbody><tr class=\"objective\"><th colspan=\"6\">").Append(E(group.Objective)).Append("</th></tr>");
                foreach (var row in group.Rows)
                {
                    page.Append("<tr data-measure=\"").Append(E(row.MeasureId)).Append("\"><td>").Append(E(row.Measure))
                        .Append("</td><td class=\"num\" data-cell=\"target\">").Append(E(row.TargetText))
                        .Append("</td><td class=\"num\" data-cell=\"ytd-target\">").Append(E(row.YearToDateTargetText))
                        .Append("</td><td class=\"num\" data-cell=\"ytd-actual\">").Append(E(row.ActualYearToDate.Text))
                        .Append("</td><td data-cell=\"status\"").Append(row.Rag is { } rag ? $" class=\"rag {rag.ToString().ToLowerInvariant()}\"" : "").Append('>')
                        .Append(E(LayoutMarkdown.Rag(row))).Append("</td><td class=\"note\">").Append(E(row.Comment)).Append("</td></tr>");
                }

                page.Append("</tbody>");
            }

            page.Append("</table></section>");
        }

        page.Append("</section>");
    }

    private static string E(string text) => Html.Encode(text);
}
