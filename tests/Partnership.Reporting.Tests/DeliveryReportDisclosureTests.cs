using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Rollups;
using Partnership.Security;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>The Delivery Quarterly Report through the disclosure control: what the public, and each partner, may see.</summary>
public class DeliveryReportDisclosureTests
{
    private const string Homicide = "crime.homicide";
    private const string Dvpn = "safeguarding.dvpn_issued";
    private const string MissingRepeat = "safeguarding.missing_children_repeat";
    private const string RapeOutcomes = "safeguarding.rape_outcome_rate";

    private static readonly DeliveryReportDisclosure Disclosure = new();

    private static Caller With(params string[] roles) => Caller.Anonymous with { Agency = "Reader", Roles = new HashSet<string>(roles) };

    private static ObservedRow Restricted(string measure, string area, Period period, Figure figure) =>
        new(measure, period, new SourcedFigure(area, figure, ObservationStatus.Final, Confidentiality.Restricted, 1, $"{area}-{period.Key}-r1"));

    private static MeasureReport Apply(IReadOnlyList<ObservedRow> rows, string measure, ReportAudience audience, Caller? caller = null) =>
        Disclosure.Apply(Builder.Build(PlanOf(measure), Q(2024, 3), [ComparisonKind.PreviousYear], rows), audience, caller ?? Caller.Anonymous).Rows().Single().Measure;

    private static ReportCell Current(MeasureReport row, string area) =>
        (area == WestYorkshire ? row.County : row.Districts.Single(d => d.Area.Code == area)).For(ComparisonKind.PreviousYear)!.Current;

    private static IReadOnlyList<ObservedRow> Counts(string measure, decimal[] current, decimal previous, Func<string, string, Period, decimal, ObservedRow>? row = null)
    {
        row ??= (m, area, period, value) => Restricted(m, area, period, Figure.OfValue(value));
        return [.. Districts.Select((d, i) => row(measure, d, Q(2024, 3), current[i])), .. Districts.Select(d => row(measure, d, Q(2023, 3), previous))];
    }

    [Fact]
    public void Apply_PublicSmallCount_IsHiddenAndSoIsTheSmallestOtherDistrict()
    {
        // Calderdale's 3 is small; with the county total shown it would be 51 less the others, so the
        // smallest other non-zero district (Kirklees, 7) is hidden with it. The rest stand.
        var row = Apply(Counts(Dvpn, [20, 3, 7, 12, 9], previous: 10), Dvpn, ReportAudience.Public);

        Assert.Equal(51m, Current(row, WestYorkshire).Value);
        Assert.True(Current(row, Calderdale).Withheld);
        Assert.Null(Current(row, Calderdale).Value);
        Assert.True(Current(row, Kirklees).Withheld);
        Assert.Equal([20m, 12m, 9m], new[] { Bradford, Leeds, Wakefield }.Select(a => Current(row, a).Value));
        // A change from a hidden figure would give it away; the year before had nothing small.
        Assert.Null(row.Districts.Single(d => d.Area.Code == Calderdale).For(ComparisonKind.PreviousYear)!.Change);
        Assert.Equal(10m, row.Districts.Single(d => d.Area.Code == Calderdale).For(ComparisonKind.PreviousYear)!.Previous.Value);
        // The chart's point for the window hides exactly what the table hides.
        var last = row.Series.ToDictionary(l => l.Area.Code, l => l.Points[^1]);
        Assert.True(last[Calderdale].Withheld && last[Kirklees].Withheld);
        Assert.Equal(20m, last[Bradford].Value);
        Assert.Equal(51m, last[WestYorkshire].Value);
        Assert.All(row.Series.SelectMany(l => l.Points), p => Assert.Null(p.Cell));
    }

    [Fact]
    public void Apply_PublicTwoSmallCounts_ProtectEachOtherAndZeroStaysZero()
    {
        var row = Apply(Counts(Homicide, [5, 0, 4, 3, 0], previous: 6, (m, a, p, v) => Value(m, a, p, v)), Homicide, ReportAudience.Public);

        Assert.Equal(12m, Current(row, WestYorkshire).Value);
        Assert.True(Current(row, Kirklees).Withheld && Current(row, Leeds).Withheld);
        Assert.Equal(5m, Current(row, Bradford).Value);
        Assert.Equal(0m, Current(row, Calderdale).Value);
        Assert.Equal(0m, Current(row, Wakefield).Value);
    }

    [Fact]
    public void Apply_PublicUniquePeople_ProtectsTheDistrictSumShownBesideTheForceFigure()
    {
        // The force figure (30) is not the districts' sum (33); the sum shown beside it is the total a
        // hidden district could be worked out from, so a second district goes.
        var rows = new List<ObservedRow> { Restricted(MissingRepeat, WestYorkshire, Q(2024, 3), Figure.OfValue(30)), Restricted(MissingRepeat, WestYorkshire, Q(2023, 3), Figure.OfValue(40)) };
        rows.AddRange(Counts(MissingRepeat, [3, 6, 8, 10, 6], previous: 9));

        var row = Apply(rows, MissingRepeat, ReportAudience.Public);

        var county = Current(row, WestYorkshire);
        Assert.Equal(30m, county.Value);
        Assert.Equal(33m, county.DistrictSum);
        Assert.True(Current(row, Bradford).Withheld);
        Assert.Equal(1, new[] { Calderdale, Wakefield }.Count(a => Current(row, a).Withheld));
        Assert.Equal(2, Districts.Count(a => Current(row, a).Withheld));
    }

    [Fact]
    public void Apply_PublicRestrictedRate_ShowsTheRateWithoutItsCountsAndHidesSmallOnes()
    {
        var rows = new List<ObservedRow>();
        (decimal N, decimal D)[] figures = [(12, 80), (2, 30), (9, 60), (20, 150), (7, 50)];
        rows.AddRange(Districts.Select((d, i) => Restricted(RapeOutcomes, d, Q(2024, 3), Figure.OfFraction(figures[i].N, figures[i].D))));
        rows.AddRange(Districts.Select(d => Restricted(RapeOutcomes, d, Q(2023, 3), Figure.OfFraction(10, 100))));

        var row = Apply(rows, RapeOutcomes, ReportAudience.Public);

        Assert.True(Current(row, Calderdale).Withheld);
        Assert.Equal(50m / 370m, Current(row, WestYorkshire).Value);
        Assert.Null(Current(row, WestYorkshire).Numerator);
        Assert.Null(Current(row, Bradford).Denominator);
    }

    [Fact]
    public void Apply_PartnerWithSafeguardingReader_SeesTrueFigures()
    {
        var row = Apply(Counts(Dvpn, [20, 3, 7, 12, 9], previous: 10), Dvpn, ReportAudience.Partner, With(Roles.PartnerReader, Roles.SafeguardingReader));

        Assert.Equal(3m, Current(row, Calderdale).Value);
        Assert.Equal(7m, Current(row, Kirklees).Value);
        Assert.False(Current(row, Calderdale).Withheld);
    }

    [Fact]
    public void Apply_PartnerWithoutSafeguardingReader_SeesSafeguardingAsThePublicDoes()
    {
        var safeguarding = Apply(Counts(Dvpn, [20, 3, 7, 12, 9], previous: 10), Dvpn, ReportAudience.Partner, With(Roles.PartnerReader));
        var crime = Apply(Counts(Homicide, [5, 0, 4, 3, 0], previous: 6, (m, a, p, v) => Value(m, a, p, v)), Homicide, ReportAudience.Partner, With(Roles.PartnerReader));

        Assert.True(Current(safeguarding, Calderdale).Withheld);
        Assert.Equal(3m, Current(crime, Leeds).Value);
    }
}
