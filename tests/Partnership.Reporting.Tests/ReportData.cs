using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Rollups;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>West Yorkshire's geography, a catalogue with one measure of each rule, and a builder for observations.</summary>
internal static class ReportData
{
    public static readonly string[] Districts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    public static readonly Geography Geography = Geography.Load();

    // A snapshot measure and a county-only count, added unless the built-in catalogue already has them.
    public static readonly MeasureCatalogue Catalogue = new(MeasureCatalogue.Load().All.UnionBy(
    [
        new MeasureDefinition("cjs.crown_outstanding", "Crown Court outstanding caseload", "count", Polarity.LowerIsBetter, AggregationRule.SnapshotSum, [PeriodKind.Snapshot], "justice-board"),
        new MeasureDefinition("safeguarding.missing_children_repeat", "Children missing more than once", "count", Polarity.LowerIsBetter, AggregationRule.CountyOnly, [PeriodKind.Quarter, PeriodKind.Rolling12Months], "safeguarding"),
    ], m => m.Id));

    public static readonly DeliveryReportBuilder Builder = new(Catalogue, Geography);

    public static Period Q(int year, int quarter) => Period.FinancialQuarter(year, quarter);

    public static ObservedRow Value(string measure, string area, Period period, decimal value, ObservationStatus status = ObservationStatus.Final, int revision = 1, Trend trend = Trend.None, string note = "") =>
        new(measure, period, new SourcedFigure(area, Figure.OfValue(value), status, Confidentiality.Free, revision, $"{area}-{period.Key}-r{revision}", trend, note));

    public static ObservedRow Fraction(string measure, string area, Period period, decimal numerator, decimal denominator) =>
        new(measure, period, new SourcedFigure(area, Figure.OfFraction(numerator, denominator), ObservationStatus.Final, Confidentiality.Free, 1, $"{area}-{period.Key}-r1"));

    /// <summary>A one-measure plan, so a test reads the row it is about.</summary>
    public static DeliveryPlan PlanOf(string measure, PlanTarget? target = null) =>
        new(WestYorkshire, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [new PlanMeasure(measure, measure, 1, target)])])]);

    public static MeasureReport Row(IReadOnlyList<ObservedRow> rows, string measure, Period window, PlanTarget? target = null, params ComparisonKind[] comparisons) =>
        Builder.Build(PlanOf(measure, target), window, comparisons, rows).Rows().Single().Measure;
}
