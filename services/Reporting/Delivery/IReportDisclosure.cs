namespace Partnership.Reporting.Delivery;

/// <summary>
/// Applies disclosure control to a report for its audience. SEAM: the Safeguarding work is building
/// the disclosure-control component under Reporting/Disclosure; until it lands,
/// <see cref="InterimDisclosureControl"/> stands in and is replaced in one place (Extensions.AddReporting).
/// </summary>
public interface IReportDisclosure
{
    DeliveryReport Apply(DeliveryReport report, ReportAudience audience);
}
