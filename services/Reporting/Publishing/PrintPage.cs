using System.Text;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Publishing.Pages;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report for print and PDF: the summary layout then the monitoring appendix, with no filters, a
/// page break before each theme, and on every page a header with the force, the period and the edition
/// and a footer with the publication date and the page number. The header and footer are CSS page
/// margin boxes, so Chromium prints them from this page alone. <see cref="PrintedReport"/> lays it out.
/// </summary>
public static class PrintPage
{
    public static string Render(DeliveryReport report, ComparisonKind comparison) =>
        StaticHtml.Render<PrintedReport>(new Dictionary<string, object?> { [nameof(PrintedReport.Report)] = report, [nameof(PrintedReport.Comparison)] = comparison });

    /// <summary>The print style sheet with the page margin boxes' text: force, period and edition at the top, publication date at the bottom.</summary>
    public static string PageStyle(DeliveryReport report)
    {
        var top = $"{PrintHeader.Force(report)} · {PrintHeader.Period(report)} · {PrintHeader.Edition(report)}";
        return $"{Style}@page{{@top-left{{content:{CssString(top)}}}@bottom-left{{content:{CssString(PrintHeader.PublishedOn(report))}}}}}";
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
