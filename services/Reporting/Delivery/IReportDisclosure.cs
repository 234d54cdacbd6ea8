using Partnership.Security;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Applies disclosure control to a report for its audience and reader, so every form of the report
/// (gRPC, Markdown, HTML, CSV, the dashboard) shows the same figures: <see cref="Disclosure.DeliveryReportDisclosure"/>.
/// </summary>
public interface IReportDisclosure
{
    DeliveryReport Apply(DeliveryReport report, ReportAudience audience, Caller caller);
}
