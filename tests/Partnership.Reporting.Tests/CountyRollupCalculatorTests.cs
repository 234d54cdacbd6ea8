using Partnership.Domain;
using Partnership.Reporting.Rollups;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

public class CountyRollupCalculatorTests
{
    private static readonly Geography Geography = Geography.Load();
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly IReadOnlyList<AreaDefinition> WestYorkshire = Geography.DistrictsOf(Areas.WestYorkshire, new DateOnly(2020, 12, 31));


    private static SourcedFigure Value(string area, decimal value, ObservationStatus status = ObservationStatus.Final) =>
        new(area, Figure.OfValue(value), status, Confidentiality.Free, 1, "r-" + area);

    private static SourcedFigure Fraction(string area, decimal numerator, decimal denominator) =>
        new(area, Figure.OfFraction(numerator, denominator), ObservationStatus.Final, Confidentiality.Free, 1, "r-" + area);

    [Fact]
    public void Calculate_SumWithAllDistricts_AddsThemUp()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.total_recorded"), WestYorkshire,
            [Value(Bradford, 18_402), Value(Calderdale, 6_977), Value(Kirklees, 14_120), Value(Leeds, 27_315), Value(Wakefield, 11_004)], null);

        Assert.Equal(77_818m, rollup.CountyValue);
        Assert.Equal(CountySource.DistrictRollup, rollup.Source);
        Assert.Empty(rollup.DistrictsMissing);
        Assert.False(rollup.Provisional);
    }

    [Fact]
    public void Calculate_SumWithMissingDistricts_IsProvisionalAndNamesThem()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.total_recorded"), WestYorkshire,
            [Value(Bradford, 18_402), Value(Leeds, 27_315)], null);

        Assert.Equal(45_717m, rollup.CountyValue);
        Assert.True(rollup.Provisional);
        Assert.Equal([Calderdale, Kirklees, Wakefield], rollup.DistrictsMissing);
        Assert.Equal([Bradford, Leeds], rollup.DistrictsIncluded);
        Assert.Contains("missing", rollup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_RatioAcrossDistricts_IsRatioOfSumsNotMeanOfRates()
    {
        // Bradford 10/100 = 10%, Leeds 90/300 = 30%: the mean of rates is 20%, the county rate 25%.
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.violence_with_injury_solved"), WestYorkshire,
            [Fraction(Bradford, 10, 100), Fraction(Leeds, 90, 300)], null);

        Assert.Equal(0.25m, rollup.CountyValue);
        Assert.Equal(100m, rollup.CountyNumerator);
        Assert.Equal(400m, rollup.CountyDenominator);
        Assert.NotEqual((0.10m + 0.30m) / 2, rollup.CountyValue);
    }

    [Theory]
    [InlineData("response.emergency_attended_in_target")]
    [InlineData("response.priority_attended_in_target")]
    [InlineData("crime.stop_search_positive_outcome_rate")]
    [InlineData("crime.hate_crime_solved")]
    public void Calculate_PlanRatioAcrossDistricts_IsRatioOfSums(string measure)
    {
        // 90%, 75%, 80%, 95% and 70%: the mean of rates is 82%; the county is 2,075 / 2,400 = 86.46%.
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get(measure), WestYorkshire,
            [Fraction(Bradford, 540, 600), Fraction(Calderdale, 150, 200), Fraction(Kirklees, 320, 400), Fraction(Leeds, 855, 900), Fraction(Wakefield, 210, 300)], null);

        Assert.Equal(2_075m, rollup.CountyNumerator);
        Assert.Equal(2_400m, rollup.CountyDenominator);
        Assert.Equal(0.8646m, Math.Round(rollup.CountyValue!.Value, 4));
        Assert.False(rollup.Provisional);
    }

    [Fact]
    public void Calculate_RatioWithZeroDenominators_HasNoValueAndSaysWhy()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.violence_with_injury_solved"), WestYorkshire,
            [Fraction(Bradford, 0, 0)], null);

        Assert.Null(rollup.CountyValue);
        Assert.Contains("zero", rollup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_CountyOnlyUniquePeople_UsesCountyFigureWithDistrictSumBeside()
    {
        var measure = new MeasureDefinition("safeguarding.missing_children", "Children reported missing", "count", Polarity.LowerIsBetter,
            AggregationRule.CountyOnly, [PeriodKind.Quarter], "safeguarding");

        // A child missing in Bradford and in Leeds is one child in the county.
        var rollup = CountyRollupCalculator.Calculate(measure, WestYorkshire,
            [Value(Bradford, 310), Value(Calderdale, 120), Value(Kirklees, 250), Value(Leeds, 480), Value(Wakefield, 200)],
            Value(Areas.WestYorkshire, 1_290));

        Assert.Equal(1_290m, rollup.CountyValue);
        Assert.Equal(1_360m, rollup.DistrictSum);
        Assert.Equal(CountySource.SubmittedCountyFigure, rollup.Source);
        Assert.False(rollup.Provisional);
    }

    [Fact]
    public void Calculate_CountyOnlyWithoutCountyFigure_DoesNotAddDistricts()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("survey.feeling_safe"), WestYorkshire,
            [Value(Bradford, 80), Value(Leeds, 84)], null);

        Assert.Null(rollup.CountyValue);
        Assert.Equal(CountySource.None, rollup.Source);
        Assert.True(rollup.Provisional);
    }

    [Fact]
    public void Calculate_CompleteDistrictsAndDisagreeingCountyFigure_RollupWinsCountyShownBeside()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.homicide"), WestYorkshire,
            [Value(Bradford, 3), Value(Calderdale, 1), Value(Kirklees, 2), Value(Leeds, 5), Value(Wakefield, 2)], Value(Areas.WestYorkshire, 12));

        Assert.Equal(13m, rollup.CountyValue);
        Assert.Equal(12m, rollup.SubmittedCountyValue);
        Assert.Equal(CountySource.DistrictRollup, rollup.Source);
        Assert.Contains("differs", rollup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_IncompleteDistrictsWithCountyFigure_UsesCountyFigure()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.homicide"), WestYorkshire,
            [Value(Bradford, 3)], Value(Areas.WestYorkshire, 12));

        Assert.Equal(12m, rollup.CountyValue);
        Assert.Equal(CountySource.SubmittedCountyFigure, rollup.Source);
        Assert.True(rollup.Provisional);
    }

    [Fact]
    public void Calculate_ProvisionalDistrict_MakesCountyProvisional()
    {
        var rollup = CountyRollupCalculator.Calculate(Catalogue.Get("crime.homicide"), WestYorkshire,
            [Value(Bradford, 3), Value(Calderdale, 1), Value(Kirklees, 2), Value(Leeds, 5, ObservationStatus.Provisional), Value(Wakefield, 2)], null);

        Assert.True(rollup.Provisional);
        Assert.Empty(rollup.DistrictsMissing);
    }

    private static readonly Period Q4 = Period.Parse("FY2024/25-Q4");

    private static SourcedFigure Claim(SourcedFigure figure, string returnKey, long submittedAtMs) =>
        figure with { ReturnId = "id-" + returnKey, ReturnKey = returnKey, SubmittedAtMs = submittedAtMs };

    [Fact]
    public void Combine_TwoProvidersOfACombiningMeasure_AddsNumeratorsAndDenominators()
    {
        var combined = CountyRollupQuery.Combine(Catalogue.Get("victims.wellbeing_improved"), Q4,
        [
            Claim(Fraction(Areas.WestYorkshire, 10, 100), $"victim-services|{Areas.WestYorkshire}|{Q4.Key}|wy-general", 1),
            Claim(Fraction(Areas.WestYorkshire, 90, 300), $"victim-services|{Areas.WestYorkshire}|{Q4.Key}|wy-isva", 2),
        ]);

        Assert.Equal(Figure.OfFraction(100, 400), combined.Figure.Figure);
        Assert.Empty(combined.NotUsed);
        Assert.Equal("", combined.Conflict);
    }

    [Fact]
    public void Combine_TwoReturnsClaimingOneFigure_TakesTheReturnForExactlyTheWindowNeverTheSum()
    {
        // The quarter's own return says 12; a later year return restates the quarter as 500.
        var quarter = Claim(Value(Kirklees, 12), $"crime-measures|{Kirklees}|{Q4.Key}", 1_000);
        var year = Claim(Value(Kirklees, 500), $"crime-measures|{Kirklees}|{Period.Parse("FY2024/25").Key}", 2_000);

        var combined = CountyRollupQuery.Combine(Catalogue.Get("crime.homicide"), Q4, [year, quarter]);

        Assert.Equal(12m, combined.Figure.Figure.Value);
        Assert.Equal([year], combined.NotUsed);
        Assert.Equal(
            $"Conflicting returns for {Kirklees} FY2024/25-Q4: crime-measures|{Kirklees}|2025-01-01..2025-03-31 r1 gives 12 used (the return for exactly FY2024/25-Q4); "
            + $"crime-measures|{Kirklees}|2024-04-01..2025-03-31 r1 gives 500 not used. Conflicting returns are never added.",
            combined.Conflict);
    }

    [Fact]
    public void Combine_NeitherReturnForExactlyTheWindow_TakesTheLastSubmitted()
    {
        var month = Period.Parse("2025-01..2025-01");
        var quarter = Claim(Value(Kirklees, 4), $"crime-measures|{Kirklees}|{Q4.Key}", 2_000);
        var year = Claim(Value(Kirklees, 7), $"crime-measures|{Kirklees}|{Period.Parse("FY2024/25").Key}", 1_000);

        var combined = CountyRollupQuery.Combine(Catalogue.Get("crime.homicide"), month, [quarter, year]);

        Assert.Equal(4m, combined.Figure.Figure.Value);
        Assert.Contains("used (submitted last)", combined.Conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_OneProviderClaimingAFigureInTwoReturns_ConflictsThoughTheMeasureCombines()
    {
        var general = Claim(Value(Areas.WestYorkshire, 300), $"victim-services|{Areas.WestYorkshire}|{Q4.Key}|wy-general", 1);
        var generalYear = Claim(Value(Areas.WestYorkshire, 999), $"victim-services|{Areas.WestYorkshire}|{Period.Parse("FY2024/25").Key}|wy-general", 3);
        var isva = Claim(Value(Areas.WestYorkshire, 70), $"victim-services|{Areas.WestYorkshire}|{Q4.Key}|wy-isva", 2);

        var combined = CountyRollupQuery.Combine(Catalogue.Get("victims.referrals"), Q4, [general, generalYear, isva]);

        Assert.Equal(370m, combined.Figure.Figure.Value);
        Assert.Equal([generalYear], combined.NotUsed);
    }

    [Fact]
    public void Combine_CountyOnlyFromTwoReturns_TakesLastSubmittedNotSum()
    {
        var older = Claim(Value(Areas.WestYorkshire, 80), $"crime-measures|{Areas.WestYorkshire}|{Period.Parse("FY2024/25").Key}", 1);
        var newer = Claim(Value(Areas.WestYorkshire, 82), $"crime-measures|{Areas.WestYorkshire}|{Period.Parse("FY2024/25-H2").Key}", 2);

        Assert.Equal(82m, CountyRollupQuery.Combine(Catalogue.Get("survey.feeling_safe"), Q4, [older, newer]).Figure.Figure.Value);
    }
}
