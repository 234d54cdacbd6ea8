using System.Text;
using Partnership.Reporting.Publishing.Pages;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The summary layout and the monitoring appendix as HTML text, for the pages still built as strings
/// (the edition pages). The markup is the <see cref="SummaryTable"/> and <see cref="MonitoringTable"/>
/// components', which the dashboard and the printed report use directly.
/// </summary>
public static class LayoutHtml
{
    public static void Summary(StringBuilder page, SummaryLayout summary) =>
        page.Append(StaticHtml.Render<SummaryTable>(new Dictionary<string, object?> { [nameof(SummaryTable.Summary)] = summary }));

    public static void Monitoring(StringBuilder page, MonitoringLayout monitoring) =>
        page.Append(StaticHtml.Render<MonitoringTable>(new Dictionary<string, object?> { [nameof(MonitoringTable.Monitoring)] = monitoring }));
}
