using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Rollups;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>The county rollup's public view: small counts of people hidden, small counts of orders shown.</summary>
public class RollupDisclosureTests
{
    private static readonly Geography Geography = Geography.Load();
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly IReadOnlyList<AreaDefinition> Districts = Geography.DistrictsOf(WestYorkshire, new DateOnly(2020, 12, 31));

    private static MeasureRollup Rollup(string measure, params decimal[] values) =>
        CountyRollupCalculator.Calculate(Catalogue.Get(measure), Districts,
            [.. Districts.Select((d, i) => new SourcedFigure(d.Code, Figure.OfValue(values[i]), ObservationStatus.Final, Confidentiality.Restricted, 1, "r-" + d.Code))], null);

    private static CountyRollup Public(params MeasureRollup[] measures) =>
        RollupDisclosure.ForAudience(new CountyRollup(Geography.Get(WestYorkshire), Period.FinancialQuarter(2020, 3), measures), ReportAudience.Public);

    private static decimal?[] DistrictValues(MeasureRollup measure) => [.. measure.Districts.Select(d => d.Figure.Value)];

    [Fact]
    public void ForAudience_PublicDisclosiveCount_HidesItAndExactlyOneMoreDistrict()
    {
        // Children at risk of exploitation are unique people; with the districts' sum shown beside the
        // force figure, Kirklees's 3 would be 64 − (20 + 11 + 18 + 12), so Calderdale's 11 (the smallest
        // other non-zero district) is hidden too, and nothing else.
        var rollup = Public(Rollup("safeguarding.children_at_risk_of_exploitation", 20, 11, 3, 18, 12)).Measures.Single();

        Assert.Equal([20m, null, null, 18m, 12m], DistrictValues(rollup));
        Assert.Equal(Suppression.Primary, rollup.Disclosure!.District(Kirklees)!.Suppression);
        Assert.Equal(Suppression.Secondary, rollup.Disclosure.District(Calderdale)!.Suppression);
        Assert.Equal(2, rollup.Disclosure.Districts.Count(d => d.IsSuppressed));
        Assert.Contains("counts of people from 1 to 4", rollup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAudience_PublicSumOfDisclosiveCounts_KeepsTheCountyAndHidesOneComplement()
    {
        // MARAC referrals: the county is the sum, 51; Calderdale's 3 and Kirklees's 7 go.
        var rollup = Public(Rollup("safeguarding.marac_referrals", 20, 3, 7, 12, 9)).Measures.Single();

        Assert.Equal(51m, rollup.CountyValue);
        Assert.Equal([20m, null, null, 12m, 9m], DistrictValues(rollup));
    }

    [Fact]
    public void ForAudience_PublicNonDisclosiveCounts_ShowsOneAndThreeAndHidesNothing()
    {
        var rollup = Public(Rollup("safeguarding.stalking_protection_orders", 1, 3, 0, 12, 9)).Measures.Single();

        Assert.Equal(25m, rollup.CountyValue);
        Assert.Equal([1m, 3m, 0m, 12m, 9m], DistrictValues(rollup));
        Assert.DoesNotContain(rollup.Disclosure!.Districts, d => d.IsSuppressed);
        Assert.DoesNotContain("*", rollup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAudience_PartnerDisclosiveCount_SeesTheTrueFigures()
    {
        var rollup = Rollup("safeguarding.marac_referrals", 20, 3, 7, 12, 9);

        var partner = RollupDisclosure.ForAudience(new CountyRollup(Geography.Get(WestYorkshire), Period.FinancialQuarter(2020, 3), [rollup]), ReportAudience.Partner).Measures.Single();

        Assert.Equal([20m, 3m, 7m, 12m, 9m], DistrictValues(partner));
    }
}
