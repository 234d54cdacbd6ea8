using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

public enum PublishedFormat
{
    Csv,
    Markdown,
    Html,

    /// <summary>A workbook with a sheet for each layout.</summary>
    Xlsx,

    /// <summary>Both layouts as one HTML page for print, which Chromium turns into the PDF.</summary>
    Print,
}

/// <summary>A report rendered as a document: what it is, what to call it, and its text.</summary>
public sealed record RenderedDocument(string ContentType, string FileName, string Content)
{
    /// <summary>The document's bytes, for a binary format (a workbook); null for text, whose bytes are its content in UTF-8.</summary>
    public byte[]? Bytes { get; init; }
}

/// <summary>Renders a report in one of its published formats; the HTTP endpoints and the gRPC call share it.</summary>
public static class ReportRenderer
{
    public static RenderedDocument Render(DeliveryReport report, PublishedFormat format, DashboardFilters filters)
    {
        var name = $"delivery-report-{report.Force.Code}-{report.Window.Label.Replace('/', '-').Replace(' ', '-')}";
        var layout = filters.Layout;
        switch (format)
        {
            case PublishedFormat.Csv when layout != ReportLayout.Full:
                {
                    using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    LayoutCsv.Write(report, layout, filters.Comparison, writer);
                    return new RenderedDocument("text/csv; charset=utf-8", $"{name}-{Slug(layout)}.csv", writer.ToString());
                }

            case PublishedFormat.Markdown when layout != ReportLayout.Full:
                {
                    using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    LayoutMarkdown.Write(report, layout, filters.Comparison, writer);
                    return new RenderedDocument("text/markdown; charset=utf-8", $"{name}-{Slug(layout)}.md", writer.ToString());
                }

            case PublishedFormat.Xlsx:
                return new RenderedDocument(ReportWorkbook.ContentType, name + ".xlsx", "") { Bytes = ReportWorkbook.Build(report, filters.Comparison) };

            case PublishedFormat.Print:
                return new RenderedDocument("text/html; charset=utf-8", name + ".html", PrintPage.Render(report, filters.Comparison));

            case PublishedFormat.Csv:
                {
                    using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    DeliveryReportCsv.Write(report, writer, filters.District);
                    return new RenderedDocument("text/csv; charset=utf-8", name + ".csv", writer.ToString());
                }

            case PublishedFormat.Markdown:
                {
                    using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    DeliveryReportMarkdown.Write(report, writer, filters.District);
                    return new RenderedDocument("text/markdown; charset=utf-8", name + ".md", writer.ToString());
                }

            default:
                return new RenderedDocument("text/html; charset=utf-8", name + ".html", DashboardPage.Render(report, filters));
        }
    }

    /// <summary>Whether a report in this format and layout needs the year-to-date comparison besides the one asked for (the monitoring appendix does).</summary>
    public static bool NeedsYearToDate(PublishedFormat format, ReportLayout layout) =>
        format is PublishedFormat.Xlsx or PublishedFormat.Print || layout == ReportLayout.Monitoring;

    public static string Slug(ReportLayout layout) => layout.ToString().ToLowerInvariant();

    public static bool TryParseLayout(string? text, out ReportLayout layout)
    {
        foreach (var candidate in Enum.GetValues<ReportLayout>())
        {
            if (string.Equals(text, Slug(candidate), StringComparison.OrdinalIgnoreCase))
            {
                layout = candidate;
                return true;
            }
        }

        layout = default;
        return false;
    }
}
