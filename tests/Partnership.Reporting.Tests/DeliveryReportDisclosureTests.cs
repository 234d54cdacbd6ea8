using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
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
    private const string StalkingOrders = "safeguarding.stalking_protection_orders";
    private const string Marac = "safeguarding.marac_referrals";
    private const string MissingRepeat = "safeguarding.missing_children_repeat";
    private const string RapeOutcomes = "safeguarding.rape_outcome_rate";
    private const string RepeatVictims = "safeguarding.da_repeat_victim_rate";

    private static readonly DeliveryReportDisclosure Disclosure = new(new ReadAccess(ReportData.Geography));

    private static Caller With(params string[] roles) => Caller.Anonymous with { Agency = "Reader", Areas = new HashSet<string> { WestYorkshire }, Roles = new HashSet<string>(roles) };

    private static ObservedRow Restricted(string measure, string area, Period period, Figure figure) =>
        new(measure, period, new SourcedFigure(area, figure, ObservationStatus.Final, Confidentiality.Restricted, 1, $"{area}-{period.Key}-r1"));

    private static MeasureReport Apply(IReadOnlyList<ObservedRow> rows, string measure, ReportAudience audience, Caller? caller = null) =>
        Disclosure.Apply(Builder.Build(PlanOf(measure), Q(2024, 3), [ComparisonKind.PreviousYear], rows), audience, caller ?? Caller.Anonymous).Rows().Single().Measure;

    private static DeliveryReport ApplyReport(IReadOnlyList<ObservedRow> rows, ReportAudience audience, Caller caller, params string[] measures) =>
        Disclosure.Apply(Builder.Build(PlanOfAll(measures), Q(2024, 3), [ComparisonKind.PreviousYear], rows), audience, caller);

    private static DeliveryPlan PlanOfAll(string[] measures) =>
        new(WestYorkshire, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [.. measures.Select((m, i) => new PlanMeasure(m, m, i + 1))])])]);

    private static IEnumerable<ReportCell> AllCells(MeasureReport row) =>
        row.Districts.Prepend(row.County).SelectMany(a => a.Comparisons).SelectMany(c => new[] { c.Current, c.Previous });

    private static ReportCell Previous(MeasureReport row, string area) =>
        (area == WestYorkshire ? row.County : row.Districts.Single(d => d.Area.Code == area)).For(ComparisonKind.PreviousYear)!.Previous;

    private static ReportCell Current(MeasureReport row, string area) =>
        (area == WestYorkshire ? row.County : row.Districts.Single(d => d.Area.Code == area)).For(ComparisonKind.PreviousYear)!.Current;

    private static IReadOnlyList<ObservedRow> Counts(string measure, decimal[] current, decimal previous, Func<string, string, Period, decimal, ObservedRow>? row = null)
    {
        row ??= (m, area, period, value) => Restricted(m, area, period, Figure.OfValue(value));
        return [.. Districts.Select((d, i) => row(measure, d, Q(2024, 3), current[i])), .. Districts.Select(d => row(measure, d, Q(2023, 3), previous))];
    }

    [Fact]
    public void Apply_PublicDisclosiveCount_IsHiddenAndExactlyOneMoreCellSoItCannotBeWorkedOut()
    {
        // MARAC referrals are high-risk victims, so disclosive. Calderdale's 3 is hidden; with the county
        // total shown it would be 51 − (20 + 7 + 12 + 9), so exactly one more cell goes: the smallest other
        // non-zero district (Kirklees, 7). The county and the other districts stand.
        var row = Apply(Counts(Marac, [20, 3, 7, 12, 9], previous: 10), Marac, ReportAudience.Public);

        Assert.Equal(51m, Current(row, WestYorkshire).Value);
        Assert.True(Current(row, Calderdale).Withheld);
        Assert.Null(Current(row, Calderdale).Value);
        Assert.True(Current(row, Kirklees).Withheld);
        Assert.Null(Current(row, Kirklees).Value);
        Assert.Equal([20m, 12m, 9m], new[] { Bradford, Leeds, Wakefield }.Select(a => Current(row, a).Value));
        Assert.Equal([Calderdale, Kirklees], row.Districts.Where(d => d.For(ComparisonKind.PreviousYear)!.Current.Withheld).Select(d => d.Area.Code));
        Assert.False(Current(row, WestYorkshire).Withheld);
        // A change from a hidden figure would give it away; the year before had nothing small.
        Assert.Null(row.Districts.Single(d => d.Area.Code == Calderdale).For(ComparisonKind.PreviousYear)!.Change);
        Assert.Equal(10m, Previous(row, Calderdale).Value);
        Assert.Equal(50m, Previous(row, WestYorkshire).Value);
        // The chart's point for the window hides exactly what the table hides.
        var last = row.Series.ToDictionary(l => l.Area.Code, l => l.Points[^1]);
        Assert.True(last[Calderdale].Withheld && last[Kirklees].Withheld);
        Assert.Equal(20m, last[Bradford].Value);
        Assert.Equal(51m, last[WestYorkshire].Value);
        Assert.All(row.Series.SelectMany(l => l.Points), p => Assert.Null(p.Cell));
    }

    [Fact]
    public void Apply_PublicNonDisclosiveSmallCounts_AreShownAndNothingIsHiddenForThem()
    {
        // Stalking protection orders are orders, not people: Bradford's 1 → 3 is published as it is,
        // Calderdale's 3 → 1 too, and no other cell is hidden on their account.
        var rows = new List<ObservedRow>();
        decimal[] current = [3, 1, 0, 2, 4];
        decimal[] previous = [1, 3, 0, 4, 2];
        rows.AddRange(Districts.Select((d, i) => Restricted(StalkingOrders, d, Q(2024, 3), Figure.OfValue(current[i]))));
        rows.AddRange(Districts.Select((d, i) => Restricted(StalkingOrders, d, Q(2023, 3), Figure.OfValue(previous[i]))));

        var row = Apply(rows, StalkingOrders, ReportAudience.Public);

        Assert.Equal([3m, 1m, 0m, 2m, 4m], Districts.Select(a => Current(row, a).Value));
        Assert.Equal([1m, 3m, 0m, 4m, 2m], Districts.Select(a => Previous(row, a).Value));
        Assert.Equal(10m, Current(row, WestYorkshire).Value);
        Assert.Equal(10m, Previous(row, WestYorkshire).Value);
        Assert.DoesNotContain(AllCells(row), c => c.Withheld);
        Assert.DoesNotContain(row.Series.SelectMany(l => l.Points), p => p.Withheld);
        // 1 → 3 is +2, +200.0%.
        var bradford = row.Districts.Single(d => d.Area.Code == Bradford).For(ComparisonKind.PreviousYear)!.Change!;
        Assert.Equal(2m, bradford.Absolute);
        Assert.Equal(200m, bradford.Percent);
    }

    [Fact]
    public void Apply_PublicFreeNonDisclosiveSmallCounts_AreShown()
    {
        var row = Apply(Counts(Homicide, [5, 0, 4, 3, 1], previous: 6, (m, a, p, v) => Value(m, a, p, v)), Homicide, ReportAudience.Public);

        Assert.Equal(13m, Current(row, WestYorkshire).Value);
        Assert.Equal([5m, 0m, 4m, 3m, 1m], Districts.Select(a => Current(row, a).Value));
        Assert.DoesNotContain(AllCells(row), c => c.Withheld);
    }

    [Fact]
    public void Apply_PublicDisclosiveTwoSmallCounts_ProtectEachOtherAndZeroStaysZero()
    {
        var row = Apply(Counts(Marac, [5, 0, 4, 3, 0], previous: 6), Marac, ReportAudience.Public);

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
    public void Apply_PublicRestrictedRate_ShowsTheRateWithoutItsCountsAndHidesSmallOnesOfPeople()
    {
        // Repeat victims over victims counts people: Calderdale's 2 repeat victims are hidden, and with
        // them the smallest other numerator (Wakefield, 7 of 50), or the county's 50 of 370 would give
        // 2 away. Rape outcomes count offences: Calderdale's 2 of 30 is published.
        (decimal N, decimal D)[] figures = [(12, 80), (2, 30), (9, 60), (20, 150), (7, 50)];
        var rows = new List<ObservedRow>();
        foreach (var measure in new[] { RepeatVictims, RapeOutcomes })
        {
            rows.AddRange(Districts.Select((d, i) => Restricted(measure, d, Q(2024, 3), Figure.OfFraction(figures[i].N, figures[i].D))));
            rows.AddRange(Districts.Select(d => Restricted(measure, d, Q(2023, 3), Figure.OfFraction(10, 100))));
        }

        var people = Apply(rows, RepeatVictims, ReportAudience.Public);
        var offences = Apply(rows, RapeOutcomes, ReportAudience.Public);

        Assert.Equal([Calderdale, Wakefield], people.Districts.Where(d => d.For(ComparisonKind.PreviousYear)!.Current.Withheld).Select(d => d.Area.Code));
        Assert.Equal(50m / 370m, Current(people, WestYorkshire).Value);
        Assert.Null(Current(people, WestYorkshire).Numerator);
        Assert.Null(Current(people, Bradford).Denominator);
        Assert.Equal(2m / 30m, Current(offences, Calderdale).Value);
        Assert.Null(Current(offences, Calderdale).Numerator);
        Assert.DoesNotContain(AllCells(offences), c => c.Withheld);
    }

    [Fact]
    public void Apply_PartnerWithSafeguardingReader_SeesTrueFigures()
    {
        var row = Apply(Counts(Marac, [20, 3, 7, 12, 9], previous: 10), Marac, ReportAudience.Partner, With(Roles.PartnerReader, Roles.SafeguardingReader));

        Assert.Equal(3m, Current(row, Calderdale).Value);
        Assert.Equal(7m, Current(row, Kirklees).Value);
        Assert.DoesNotContain(AllCells(row), c => c.Withheld);
    }

    [Fact]
    public void Apply_PartnerWithoutSafeguardingReader_SeesSafeguardingAsThePublicDoes()
    {
        var safeguarding = Apply(Counts(Marac, [20, 3, 7, 12, 9], previous: 10), Marac, ReportAudience.Partner, With(Roles.PartnerReader));
        var orders = Apply(Counts(Dvpn, [20, 3, 7, 12, 9], previous: 10), Dvpn, ReportAudience.Partner, With(Roles.PartnerReader));

        Assert.True(Current(safeguarding, Calderdale).Withheld);
        Assert.True(Current(safeguarding, Kirklees).Withheld);
        Assert.Equal(3m, Current(orders, Calderdale).Value);
    }

    [Fact]
    public void Apply_ReaderOfAnotherForce_SeesTheForceAsThePublicDoesAndTheNationalReaderSeesTrueFigures()
    {
        var westMercia = With(Roles.PartnerReader, Roles.SafeguardingReader) with { Areas = new HashSet<string> { WestMercia } };
        var national = westMercia with { Roles = new HashSet<string> { Roles.PartnerReader, Roles.SafeguardingReader, Roles.NationalReader } };

        var outside = Apply(Counts(Marac, [20, 3, 7, 12, 9], previous: 10), Marac, ReportAudience.Partner, westMercia);
        var across = Apply(Counts(Marac, [20, 3, 7, 12, 9], previous: 10), Marac, ReportAudience.Partner, national);

        Assert.True(Current(outside, Calderdale).Withheld);
        Assert.True(Current(outside, Kirklees).Withheld);
        Assert.Equal(3m, Current(across, Calderdale).Value);
        Assert.DoesNotContain(AllCells(across), c => c.Withheld);
    }

    [Fact]
    public void PublicCsvAndMarkdown_ShowWhatTheControlDecided()
    {
        // The county's 3 MARAC referrals (1 + 2) are people and withheld; its 3 stalking orders are not.
        var rows = new List<ObservedRow>();
        rows.AddRange(Counts(Marac, [0, 1, 0, 2, 0], previous: 1));
        rows.AddRange(Counts(StalkingOrders, [1, 0, 0, 2, 0], previous: 1));
        var report = ApplyReport(rows, ReportAudience.Public, Caller.Anonymous, Marac, StalkingOrders);

        var csv = new StringWriter();
        DeliveryReportCsv.Write(report, csv);
        var markdown = new StringWriter();
        DeliveryReportMarkdown.Write(report, markdown);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string Line(string measure, string area) => lines.Single(l => l.Contains($",{measure},", StringComparison.Ordinal) && l.Contains($",{area},", StringComparison.Ordinal));
        Assert.Contains(",FY2024/25-Q3,*,", Line(Marac, WestYorkshire), StringComparison.Ordinal);
        Assert.Contains(",FY2024/25-Q3,*,", Line(Marac, Leeds), StringComparison.Ordinal);
        Assert.Contains(",FY2024/25-Q3,3,", Line(StalkingOrders, WestYorkshire), StringComparison.Ordinal);
        Assert.Contains(",FY2024/25-Q3,1,", Line(StalkingOrders, Bradford), StringComparison.Ordinal);
        Assert.Contains(",FY2024/25-Q3,2,", Line(StalkingOrders, Leeds), StringComparison.Ordinal);
        Assert.DoesNotContain(",3,", Line(Marac, WestYorkshire), StringComparison.Ordinal);
        var table = markdown.ToString().Split('\n');
        Assert.Contains("| * |", table.Single(l => l.StartsWith($"| {Marac} |", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("| 3 |", table.Single(l => l.StartsWith($"| {StalkingOrders} |", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
