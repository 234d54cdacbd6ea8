using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Returns;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>The report's Markdown and CSV as text: each unit written its own way, district rows, status marks, arrows.</summary>
public class PublishedFiguresTests
{
    private const string Crime = "crime.total_recorded";
    private const string Solved = "crime.violence_with_injury_solved";
    private const string FeelingSafe = "survey.feeling_safe";
    private const string Days = "cjs.days_to_resolution";

    private static DeliveryPlan PlanOf(params string[] measures) =>
        new(WestYorkshire, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [.. measures.Select((m, i) => new PlanMeasure(m, m, i + 1))])])]);

    private static DeliveryReport Report(IReadOnlyList<ObservedRow> rows, params string[] measures) =>
        Builder.Build(PlanOf(measures), Q(2024, 3), [ComparisonKind.PreviousYear], rows);

    private static string Markdown(DeliveryReport report, string? district = null)
    {
        using var output = new StringWriter();
        DeliveryReportMarkdown.Write(report, output, district);
        return output.ToString();
    }

    private static List<Dictionary<string, string>> Csv(DeliveryReport report, string? district = null)
    {
        using var output = new StringWriter();
        DeliveryReportCsv.Write(report, output, district);
        var records = CsvRecordReader.Read(new StringReader(output.ToString()));
        var header = records[0].Fields;
        return [.. records.Skip(1).Select(r => header.Select((h, i) => (h, r.Fields[i])).ToDictionary(f => f.h, f => f.Item2, StringComparer.Ordinal))];
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>
    /// 1,000 per district a year earlier; now Bradford 1,100, Calderdale 900, Kirklees 1,000, Leeds 1,234
    /// (estimated), Wakefield 1,000 (unvalidated): the county goes from 5,000 to 5,234, 234 or 4.68%.
    /// </summary>
    private static List<ObservedRow> Crimes()
    {
        decimal[] now = [1_100, 900, 1_000, 1_234, 1_000];
        ObservationStatus[] statuses = [ObservationStatus.Final, ObservationStatus.Final, ObservationStatus.Final, ObservationStatus.Estimated, ObservationStatus.Unvalidated];
        return [.. Districts.SelectMany((d, i) => new[] { Value(Crime, d, Q(2023, 3), 1_000), Value(Crime, d, Q(2024, 3), now[i], statuses[i]) })];
    }

    [Fact]
    public void Markdown_FiveDistricts_CountyRowThenOneRowPerDistrictWithMarks()
    {
        var lines = Lines(Markdown(Report(Crimes(), Crime)));

        // 234 more is under 5% of 5,000, so the suggested arrow is steady; districts get no arrow of their own.
        var rows = lines.SkipWhile(l => !l.StartsWith("|---", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.Equal(
        [
            "| crime.total_recorded | West Yorkshire | 5,000 | 5,234 (e, u) | 234 4.7% | ↔ (s) |  |  |",
            "|  | Bradford | 1,000 | 1,100 | 100 10.0% |  |  |  |",
            "|  | Calderdale | 1,000 | 900 | -100 -10.0% |  |  |  |",
            "|  | Kirklees | 1,000 | 1,000 | 0 0.0% |  |  |  |",
            "|  | Leeds | 1,000 | 1,234 (e) | 234 23.4% |  |  |  |",
            "|  | Wakefield | 1,000 | 1,000 (u) | 0 0.0% |  |  |  |",
        ], rows);
        Assert.Contains(lines, l => l.Contains("(e) estimated. (u) unvalidated", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_District_ShowsOnlyThatDistrictsRows()
    {
        var lines = Lines(Markdown(Report(Crimes(), Crime), Leeds));

        var rows = lines.SkipWhile(l => !l.StartsWith("|---", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.Equal(["| crime.total_recorded | Leeds | 1,000 | 1,234 (e) | 234 23.4% |  |  |  |"], rows);
    }

    [Fact]
    public void Markdown_AverageDays_OneDecimalWithTheUnit()
    {
        // 11,527.5 days over 200 cases is 57.6375 days; a year earlier 12,000 / 200 = 60: -2.3625 days, -3.9375%.
        List<ObservedRow> rows = [Fraction(Days, WestYorkshire, Q(2024, 3), 11_527.5m, 200), Fraction(Days, WestYorkshire, Q(2023, 3), 12_000, 200)];

        var markdown = Markdown(Report(rows, Days));

        Assert.Contains("| cjs.days_to_resolution | West Yorkshire | 60.0 days | 57.6 days | -2.4 days -3.9% |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_SubmittedArrowWithoutAComparisonFigure_ShowsNoArrow()
    {
        List<ObservedRow> lonely = [Value(FeelingSafe, WestYorkshire, Q(2024, 3), 84.1m, trend: Trend.Up)];
        List<ObservedRow> paired = [.. lonely, Value(FeelingSafe, WestYorkshire, Q(2023, 3), 80m)];

        Assert.Contains("| survey.feeling_safe | West Yorkshire | n/a | 84.1% |  |  |  |  |", Markdown(Report(lonely, FeelingSafe)), StringComparison.Ordinal);
        Assert.Contains("| survey.feeling_safe | West Yorkshire | 80.0% | 84.1% | 4.1pp | ↑ |  |  |", Markdown(Report(paired, FeelingSafe)), StringComparison.Ordinal);
        Assert.Equal("", Csv(Report(lonely, FeelingSafe)).Single(r => r["area_code"] == WestYorkshire)["trend"]);
        Assert.Equal("up", Csv(Report(paired, FeelingSafe)).Single(r => r["area_code"] == WestYorkshire)["trend"]);
    }

    [Fact]
    public void Csv_RatioAndPercent_OneScaleNamedByTheUnitColumn()
    {
        // Violence solved: 498 of 5,000 is 0.0996, written 9.96 in percent beside the survey's 84.1.
        decimal[] solved = [96, 100, 100, 100, 102];
        List<ObservedRow> rows =
        [
            .. Districts.Select((d, i) => Fraction(Solved, d, Q(2024, 3), solved[i], 1_000)),
            Value(FeelingSafe, WestYorkshire, Q(2024, 3), 84.1m),
        ];

        var csv = Csv(Report(rows, Solved, FeelingSafe));

        var rate = csv.Single(r => r["measure_id"] == Solved && r["area_code"] == WestYorkshire);
        var survey = csv.Single(r => r["measure_id"] == FeelingSafe && r["area_code"] == WestYorkshire);
        Assert.Equal(("percent", "9.96", "498", "5000", "ratio", "exact"), (rate["unit"], rate["current_value"], rate["current_numerator"], rate["current_denominator"], rate["rule"], rate["current_method"]));
        Assert.Equal(("percent", "84.1", "county only"), (survey["unit"], survey["current_value"], survey["rule"]));
        Assert.Equal("9.6", csv.Single(r => r["measure_id"] == Solved && r["area_code"] == Bradford)["current_value"]);
    }

    [Fact]
    public void Csv_NonFinalStatuses_AreListedInWordsAndSourcesSayTheirStatus()
    {
        var csv = Csv(Report(Crimes(), Crime));

        var county = csv.Single(r => r["area_code"] == WestYorkshire);
        Assert.Equal("estimated;unvalidated", county["current_flags"]);
        Assert.Equal("", county["previous_flags"]);
        Assert.Equal("steady", county["trend"]);
        Assert.Contains($"{Leeds}:FY2024/25-Q3:{Leeds}-{Q(2024, 3).Key}-r1:r1:estimated", county["sources"], StringComparison.Ordinal);
        Assert.Equal("unvalidated", csv.Single(r => r["area_code"] == Wakefield)["current_flags"]);
        Assert.Equal([Leeds], Csv(Report(Crimes(), Crime), Leeds).Select(r => r["area_code"]));
    }
}
