using System.Text;
using System.Text.Encodings.Web;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report for print and PDF: the summary layout then the monitoring appendix, with no filters, a
/// page break before each theme, and on every page a header with the force, the period and the edition
/// and a footer with the publication date and the page number. The header and footer are CSS page
/// margin boxes, so Chromium prints them from this page alone.
/// </summary>
public static class PrintPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(DeliveryReport report, ComparisonKind comparison)
    {
        var page = new StringBuilder();
        var top = $"{PrintHeader.Force(report)} · {PrintHeader.Period(report)} · {PrintHeader.Edition(report)}";
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Delivery Quarterly Report: {report.Force.Name}, {PrintHeader.Period(report)}")).Append("</title><style>")
            .Append(Style)
            .Append("@page{@top-left{content:").Append(CssString(top)).Append("}@bottom-left{content:").Append(CssString(PrintHeader.PublishedOn(report))).Append("}}")
            .Append("</style></head><body><header><h1>Delivery Quarterly Report</h1><p class=\"sub\">").Append(E(PrintHeader.Describe(report))).Append("</p></header><main>");
        LayoutHtml.Summary(page, SummaryLayout.Of(report, comparison));
        LayoutHtml.Monitoring(page, MonitoringLayout.Of(report));
        page.Append("<footer>").Append(E(FigureText.Legend)).Append("</footer></main></body></html>");
        return page.ToString();
    }

    // A CSS string literal: quotes and backslashes escaped, and nothing that could close the style element.
    private static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var c in text)
        {
            css.Append(c is '"' or '\\' or '<' or '>' or '\n' or '\r' ? $"\\{(int)c:x} " : c.ToString());
        }

        return css.Append('"').ToString();
    }

    private static string E(string text) => Html.Encode(text);

    private const string Style = """
        @page{size:A4 landscape;margin:18mm 12mm 16mm 12mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8pt}}
        @page{@top-left{font-size:8pt;color:#333}@bottom-left{font-size:8pt;color:#333}}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;font-size:9.5pt}
        header h1{margin:0;font-size:16pt;color:#12355b}.sub{margin:2px 0 8px}
        h2{font-size:13pt;border-bottom:2px solid #12355b;padding-bottom:3px}h3{font-size:11pt;margin:6px 0}
        section.layout{break-before:page}section.layout.summary{break-before:auto}section.theme{break-before:page}
        section.layout>section.theme:first-of-type{break-before:avoid}
        table.report{border-collapse:collapse;width:100%}thead{display:table-header-group}tr{break-inside:avoid}
        table.report th,table.report td{border:1px solid #bbb;padding:3px 5px;vertical-align:top}
        table.report thead th{background:#e8edf3;text-align:left}tr.objective th{background:#f1f4f8;text-align:left;font-style:italic}
        td.num{text-align:right;white-space:nowrap}td.trend{text-align:center}td.note{font-size:8pt;max-width:22rem}
        td.rag{font-weight:600;text-align:center}td.green{background:#d8f0dd}td.amber{background:#fbe7c1}td.red{background:#f6d0d0}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}footer{font-size:8pt;margin-top:10px}
        """;
}
