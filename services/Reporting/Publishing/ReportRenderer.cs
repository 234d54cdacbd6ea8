using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

public enum PublishedFormat
{
    Csv,
    Markdown,
    Html,
}

/// <summary>A report rendered as a document: what it is, what to call it, and its text.</summary>
public sealed record RenderedDocument(string ContentType, string FileName, string Content);

/// <summary>Renders a report in one of its published formats; the HTTP endpoints and the gRPC call share it.</summary>
public static class ReportRenderer
{
    public static RenderedDocument Render(DeliveryReport report, PublishedFormat format, DashboardFilters filters)
    {
        var name = $"delivery-report-{report.Force.Code}-{report.Window.Label.Replace('/', '-').Replace(' ', '-')}";
        switch (format)
        {
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
}
