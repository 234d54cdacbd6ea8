using Partnership.Domain;
using Partnership.Submissions;
using static Partnership.Testing.Areas;

namespace Partnership.VictimServices.Tests;

/// <summary>Short ways to write the figures of a return in a test.</summary>
internal static class Figures
{
    public static readonly Period Q1 = Period.Parse("FY2024/25-Q1");
    public static readonly Period QuarterEnd = Period.Snapshot(new DateOnly(2024, 6, 30));

    public static ObservationInput Count(string measure, decimal value, Period? period = null) => new(measure, period, Figure.OfValue(value));

    public static ObservationInput Ratio(string measure, decimal numerator, decimal denominator, Period? period = null) =>
        new(measure, period, Figure.OfFraction(numerator, denominator));

    /// <summary>A complete, valid quarterly return of a commissioned provider.</summary>
    public static List<ObservationInput> ProviderFigures(
        decimal police = 120, decimal self = 30, decimal agencies = 40, decimal fraud = 10, decimal? total = null) =>
    [
        Count("victims.referrals", total ?? (police + self + agencies + fraud)),
        Count("victims.referrals_police", police),
        Count("victims.self_referrals", self),
        Count("victims.referrals_other_agencies", agencies),
        Count("victims.referrals_national_fraud", fraud),
        Count("victims.needs_assessments_completed", 150),
        Count("victims.cases_opened", 160),
        Count("victims.cases_closed", 140),
        Ratio("victims.wellbeing_improved", 90, 110),
        Ratio("victims.service_satisfaction", 70, 80),
        Count("victims.isva_caseload", 55, QuarterEnd),
        Count("victims.idva_caseload", 75, QuarterEnd),
    ];

    public static ReturnSubmission ProviderReturn(IReadOnlyList<ObservationInput> observations, string commission = "wy-general", string area = WestYorkshire) =>
        new("victim-services", area, Q1, "provider", observations, commission);

    public static ReturnSubmission PoliceReturn(IReadOnlyList<ObservationInput> observations, string area = WestYorkshire) =>
        new("victim-services", area, Q1, "West Yorkshire Police", observations);
}
