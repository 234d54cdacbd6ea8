using Partnership.Domain;
using Partnership.Reporting.Disclosure;
using static Partnership.Testing.Areas;

namespace Partnership.Safeguarding.Tests;

public class DisclosureControlTests
{
    private static DisclosureInput Counts(decimal? county, params (string Area, decimal? Value)[] districts) =>
        new(DisclosureCell.Of(WestYorkshire, county), [.. districts.Select(d => DisclosureCell.Of(d.Area, d.Value))], ViewerMaySeeRestricted: false);

    private static string[] Texts(DisclosureResult result) => [result.County.Text, .. result.Districts.Select(d => d.Text)];

    [Fact]
    public void Apply_NoSmallCounts_ShowsEverything()
    {
        var result = DisclosureControl.Apply(Counts(75, (Bradford, 20), (Calderdale, 10), (Kirklees, 15), (Leeds, 25), (Wakefield, 5)));

        Assert.Equal(["75", "20", "10", "15", "25", "5"], Texts(result));
    }

    [Fact]
    public void Apply_OneSmallCount_HidesItAndTheNextSmallestDistrict()
    {
        // Calderdale's 3 is primary; with the county total shown it would be 60 − 57, so the next
        // smallest non-zero district (Wakefield, 6) is hidden too.
        var result = DisclosureControl.Apply(Counts(60, (Bradford, 20), (Calderdale, 3), (Kirklees, 12), (Leeds, 19), (Wakefield, 6)));

        Assert.Equal(["60", "20", "*", "12", "19", "*"], Texts(result));
        Assert.Equal(Suppression.Primary, result.District(Calderdale)!.Suppression);
        Assert.Equal(Suppression.Secondary, result.District(Wakefield)!.Suppression);
        Assert.Null(result.District(Calderdale)!.Figure);
    }

    [Fact]
    public void Apply_ZeroIsShownAndNeverChosenAsTheComplement()
    {
        var result = DisclosureControl.Apply(Counts(29, (Bradford, 0), (Calderdale, 2), (Kirklees, 0), (Leeds, 19), (Wakefield, 8)));

        Assert.Equal(["29", "0", "*", "0", "19", "*"], Texts(result));
    }

    [Fact]
    public void Apply_TwoSmallCounts_NeedNoComplement()
    {
        var result = DisclosureControl.Apply(Counts(40, (Bradford, 20), (Calderdale, 1), (Kirklees, 4), (Leeds, 9), (Wakefield, 6)));

        Assert.Equal(["40", "20", "*", "*", "9", "6"], Texts(result));
        Assert.DoesNotContain(result.Districts, d => d.Suppression == Suppression.Secondary);
    }

    [Fact]
    public void Apply_TiedComplements_ChoosesTheFirstInDisplayOrder()
    {
        var input = Counts(31, (Bradford, 9), (Calderdale, 3), (Kirklees, 9), (Leeds, 10));

        var first = DisclosureControl.Apply(input);
        var again = DisclosureControl.Apply(input);

        Assert.Equal(["31", "*", "*", "9", "10"], Texts(first));
        Assert.Equal(Texts(first), Texts(again));
    }

    [Fact]
    public void Apply_NoDistrictToHideBeside_HidesTheTotal()
    {
        var result = DisclosureControl.Apply(Counts(3, (Bradford, 0), (Calderdale, 3), (Kirklees, 0)));

        Assert.Equal(["*", "0", "*", "0"], Texts(result));
    }

    [Fact]
    public void Apply_SmallCountyAlone_IsHidden()
    {
        var result = DisclosureControl.Apply(Counts(2));

        Assert.Equal("*", result.County.Text);
        Assert.Equal(Suppression.Primary, result.County.Suppression);
    }

    [Fact]
    public void Apply_PartnerWithReaderRole_SeesTrueFigures()
    {
        var result = DisclosureControl.Apply(Counts(60, (Bradford, 20), (Calderdale, 3), (Kirklees, 37)) with { ViewerMaySeeRestricted = true });

        Assert.Equal(["60", "20", "3", "37"], Texts(result));
    }

    [Fact]
    public void Apply_NonDisclosiveMeasure_ShowsSmallCountsAndHidesNothingBesideThem()
    {
        // Orders or crimes identify nobody: 1 and 3 are published, restricted or free, and no complement goes.
        var restricted = DisclosureControl.Apply(Counts(60, (Bradford, 56), (Calderdale, 3), (Kirklees, 1)) with { Disclosure = null });
        var free = DisclosureControl.Apply(Counts(60, (Bradford, 56), (Calderdale, 3), (Kirklees, 1)) with { Disclosure = null, Confidentiality = Confidentiality.Free });

        Assert.Equal(["60", "56", "3", "1"], Texts(restricted));
        Assert.Equal(["60", "56", "3", "1"], Texts(free));
        Assert.All(restricted.Districts, d => Assert.Equal(Suppression.None, d.Suppression));
    }

    [Fact]
    public void Apply_DisclosiveFreeFigures_AreControlled()
    {
        // Confidentiality says who may read a figure, not whether a small count of people may be published.
        var result = DisclosureControl.Apply(Counts(60, (Bradford, 20), (Calderdale, 3), (Kirklees, 37)) with { Confidentiality = Confidentiality.Free });

        Assert.Equal(["60", "*", "*", "37"], Texts(result));
    }

    [Fact]
    public void Apply_MeasureThreshold_HidesCountsBelowItOnly()
    {
        // A threshold of 10 hides 1 to 9: Calderdale's 9 goes, and Kirklees's 10 is shown.
        var input = Counts(80, (Bradford, 30), (Calderdale, 9), (Kirklees, 10), (Leeds, 31)) with { Disclosure = new DisclosureRule(10) };

        var result = DisclosureControl.Apply(input);

        Assert.Equal(["80", "30", "*", "*", "31"], Texts(result));
        Assert.Equal(Suppression.Primary, result.District(Calderdale)!.Suppression);
        Assert.Equal(Suppression.Secondary, result.District(Kirklees)!.Suppression);
    }

    [Fact]
    public void Apply_SubmittedCountyWithADistrictMissing_NonDisclosive_ShowsEverything()
    {
        // Wakefield's unseen share of 2 is no person: nothing is hidden to protect it.
        var input = Counts(50, (Bradford, 20), (Calderdale, 8), (Kirklees, 10), (Leeds, 10)) with { DistrictsIncomplete = true, Disclosure = null };

        Assert.Equal(["50", "20", "8", "10", "10"], Texts(DisclosureControl.Apply(input)));
    }

    [Fact]
    public void Apply_SuppressedConfidentiality_IsWithheldEverywhere()
    {
        var result = DisclosureControl.Apply(Counts(600, (Bradford, 570), (Calderdale, 30)) with { Confidentiality = Confidentiality.Suppressed });

        Assert.All(Texts(result), text => Assert.Equal("*", text));
        Assert.Equal(Suppression.Withheld, result.County.Suppression);
    }

    [Fact]
    public void Apply_IndependentCountyFigure_ProtectsDistrictsAgainstTheDistrictSum()
    {
        // Unique people: the force figure (41) is not the district sum (45), which is shown beside it.
        var input = Counts(41, (Bradford, 12), (Calderdale, 2), (Kirklees, 9), (Leeds, 15), (Wakefield, 7)) with
        {
            Relation = CountyRelation.Independent,
            DistrictSum = 45,
        };

        var result = DisclosureControl.Apply(input);

        Assert.Equal(["41", "12", "*", "9", "15", "*"], Texts(result));
        Assert.Equal("45", result.DistrictSum!.Text);
    }

    [Fact]
    public void Apply_SubmittedCountyWithADistrictMissing_ProtectsASmallUnseenRemainder()
    {
        // Wakefield has not reported; the force's county figure 50 less the four districts leaves 2 for it.
        var input = Counts(50, (Bradford, 20), (Calderdale, 8), (Kirklees, 10), (Leeds, 10)) with { DistrictsIncomplete = true };

        var result = DisclosureControl.Apply(input);

        Assert.Equal(["50", "20", "*", "10", "10"], Texts(result));
    }

    [Fact]
    public void Apply_RatioWithSmallNumerator_HidesTheRateAndAComplement()
    {
        var input = new DisclosureInput(
            new DisclosureCell(WestYorkshire, Figure.OfFraction(30, 100)),
            [new DisclosureCell(Bradford, Figure.OfFraction(2, 20)), new DisclosureCell(Leeds, Figure.OfFraction(20, 50)), new DisclosureCell(Wakefield, Figure.OfFraction(8, 30))],
            ViewerMaySeeRestricted: false);

        var result = DisclosureControl.Apply(input);

        Assert.Equal(["0.3", "*", "0.4", "*"], Texts(result));
    }

    [Fact]
    public void ApplyToDerivedRate_FollowsTheHiddenCellsOfItsComponents()
    {
        var repeat = DisclosureControl.Apply(Counts(30, (Bradford, 3), (Leeds, 12), (Wakefield, 15)) with { Relation = CountyRelation.Independent, DistrictSum = 30 });
        var total = DisclosureControl.Apply(Counts(110, (Bradford, 20), (Leeds, 40), (Wakefield, 50)) with { Relation = CountyRelation.Independent, DistrictSum = 110 });
        var rate = new DisclosureInput(
            new DisclosureCell(WestYorkshire, Figure.OfFraction(30, 110)),
            [new DisclosureCell(Bradford, Figure.OfFraction(3, 20)), new DisclosureCell(Leeds, Figure.OfFraction(12, 40)), new DisclosureCell(Wakefield, Figure.OfFraction(15, 50))],
            ViewerMaySeeRestricted: false);

        var result = DisclosureControl.ApplyToDerivedRate(rate, repeat, total);

        Assert.Equal(["30", "*", "*", "15"], Texts(repeat));
        Assert.True(result.District(Bradford)!.IsSuppressed);
        Assert.True(result.District(Leeds)!.IsSuppressed);
        Assert.False(result.District(Wakefield)!.IsSuppressed);
        Assert.False(result.County.IsSuppressed);
    }

    [Fact]
    public void ApplyToDerivedRate_NonDisclosiveRate_ShowsEveryCell()
    {
        // Domestic abuse crimes over incidents: small counts of crimes identify nobody.
        var crimes = DisclosureControl.Apply(Counts(33, (Bradford, 3), (Leeds, 12), (Wakefield, 18)) with { Disclosure = null });
        var incidents = DisclosureControl.Apply(Counts(110, (Bradford, 20), (Leeds, 40), (Wakefield, 50)) with { Disclosure = null });
        var rate = new DisclosureInput(
            new DisclosureCell(WestYorkshire, Figure.OfFraction(33, 110)),
            [new DisclosureCell(Bradford, Figure.OfFraction(3, 20)), new DisclosureCell(Leeds, Figure.OfFraction(12, 40)), new DisclosureCell(Wakefield, Figure.OfFraction(18, 50))],
            ViewerMaySeeRestricted: false)
        { Disclosure = null };

        var result = DisclosureControl.ApplyToDerivedRate(rate, crimes, incidents);

        Assert.Equal(["0.3", "0.15", "0.3", "0.36"], Texts(result));
    }
}
