using System.Globalization;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// What every page of a printed report carries, and the layouts' outputs say under their title: the
/// force, the period, the edition and when it was published (or that these are live figures).
/// </summary>
public static class PrintHeader
{
    public static string Force(DeliveryReport report) => report.Force.Name;

    public static string Period(DeliveryReport report) => WindowLabel.Of(report.Window);

    /// <summary>"Edition 3 "Q3 report"", or what a partner's view is instead.</summary>
    public static string Edition(DeliveryReport report) => report.Edition is { } edition
        ? $"Edition {edition.Id} \"{edition.Title}\""
        : report.Audience == ReportAudience.Public ? "Published edition" : "Live figures, not a published edition";

    public static string PublishedOn(DeliveryReport report) => report.Edition is { } edition
        ? "Published on " + edition.PublishedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
        : "";

    public static string Describe(DeliveryReport report) =>
        string.Join(" · ", new[] { Force(report), Period(report), Edition(report), PublishedOn(report) }.Where(p => p.Length > 0)) + ".";
}
