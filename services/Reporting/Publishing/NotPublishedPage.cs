using System.Text.Encodings.Web;

namespace Partnership.Reporting.Publishing;

/// <summary>The public dashboard's page where there is no published edition to show: it says so, and why.</summary>
public static class NotPublishedPage
{
    public static string Render(string message) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Delivery Quarterly Report: not yet published</title></head>"
        + "<body><h1>Delivery Quarterly Report</h1><p id=\"not-published\">" + HtmlEncoder.Default.Encode(message) + "</p></body></html>";
}
