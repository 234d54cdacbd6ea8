using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Partnership.Cli;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>
/// A force's returns built from scratch for the windows published reports use, submitted through the
/// CLI, and every figure such a report prints read back from the report's CSV and its Markdown and
/// checked against figures worked out by hand below: flows by quarter and by month tiled into April to
/// December, a ratio of sums at county and district level, and unique-person counts over 12 months.
/// </summary>
public sealed class PublishedReportWindowsTests : IAsyncLifetime
{
    private const string Header = "measure,area,period,value,numerator,denominator";
    private static readonly string[] Districts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    // Recorded crime by district and quarter (Q1, Q2, Q3) of 2019/20 and 2020/21.
    private static readonly Dictionary<string, int[]> Crime2019 = new()
    {
        [Bradford] = [11_000, 11_500, 12_500],
        [Calderdale] = [3_000, 3_000, 3_000],
        [Kirklees] = [7_200, 7_300, 7_500],
        [Leeds] = [16_000, 16_500, 17_500],
        [Wakefield] = [6_100, 6_300, 6_600],
    };

    private static readonly Dictionary<string, int[]> Crime2020 = new()
    {
        [Bradford] = [10_000, 11_000, 12_000],
        [Calderdale] = [3_000, 3_100, 3_200],
        [Kirklees] = [7_000, 7_500, 8_000],
        [Leeds] = [15_000, 16_000, 17_000],
        [Wakefield] = [6_000, 6_200, 6_400],
    };

    // ASB incidents, the same each month: 2,000 a month across the force in 2019, 1,999 in 2020 (Calderdale 199).
    private static readonly Dictionary<string, int> AsbMonthly2019 = new() { [Bradford] = 400, [Calderdale] = 200, [Kirklees] = 300, [Leeds] = 800, [Wakefield] = 300 };
    private static readonly Dictionary<string, int> AsbMonthly2020 = new() { [Bradford] = 400, [Calderdale] = 199, [Kirklees] = 300, [Leeds] = 800, [Wakefield] = 300 };

    // Domestic abuse incidents (the same both years) and crimes, by quarter.
    private static readonly Dictionary<string, int[]> Incidents = new()
    {
        [Bradford] = [1_000, 1_000, 1_000],
        [Calderdale] = [300, 300, 400],
        [Kirklees] = [600, 700, 700],
        [Leeds] = [1_300, 1_300, 1_400],
        [Wakefield] = [600, 700, 700],
    };

    private static readonly Dictionary<string, int[]> DaCrimes2019 = new()
    {
        [Bradford] = [400, 400, 400],
        [Calderdale] = [100, 100, 150],
        [Kirklees] = [250, 250, 300],
        [Leeds] = [600, 700, 700],
        [Wakefield] = [250, 250, 300],
    };

    private static readonly Dictionary<string, int[]> DaCrimes2020 = new()
    {
        [Bradford] = [500, 500, 500],
        [Calderdale] = [100, 100, 100],
        [Kirklees] = [300, 300, 300],
        [Leeds] = [800, 800, 800],
        [Wakefield] = [200, 200, 300],
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-published-").FullName;
    private ExchangeHost _host = null!;

    public async Task InitializeAsync()
    {
        var plan = Path.Combine(_directory, "plan.json");
        await File.WriteAllTextAsync(plan, PlanJson);
        _host = await ExchangeHost.StartAsync(
            ExchangeServices.CrimeMeasures | ExchangeServices.Safeguarding | ExchangeServices.Reporting,
            new ExchangeOptions
            {
                Configure = builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Reporting:PlanFiles:0"] = plan }),
            });
        await SubmitEverythingAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task YearToDate_AprilToDecember_EveryFigureAsWorkedOutByHand()
    {
        var csv = await ReportCsvAsync("year-to-date");
        var markdown = await ReportMarkdownAsync("year-to-date");

        // Recorded crime, Q1+Q2+Q3 of each year: 135,000 -> 131,400, -3,600 = -2.67% -> -2.7%.
        AssertRow(csv, "crime.total_recorded", WestYorkshire, "2019-04..2019-12", 135_000m, "2020-04..2020-12", 131_400m, change: -3_600m, percent: -2.7m);
        Assert.Contains("| Recorded crime | West Yorkshire | 135,000 | 131,400 | -3,600 -2.7% |", markdown, StringComparison.Ordinal);
        // Districts: 35,000 -> 33,000 (-5.71%), 9,000 -> 9,300 (+3.33%), 22,000 -> 22,500 (+2.27%),
        // 50,000 -> 48,000 (-4.0%), 19,000 -> 18,600 (-2.11%).
        AssertRow(csv, "crime.total_recorded", Bradford, "2019-04..2019-12", 35_000m, "2020-04..2020-12", 33_000m, change: -2_000m, percent: -5.7m);
        AssertRow(csv, "crime.total_recorded", Calderdale, "2019-04..2019-12", 9_000m, "2020-04..2020-12", 9_300m, change: 300m, percent: 3.3m);
        AssertRow(csv, "crime.total_recorded", Kirklees, "2019-04..2019-12", 22_000m, "2020-04..2020-12", 22_500m, change: 500m, percent: 2.3m);
        AssertRow(csv, "crime.total_recorded", Leeds, "2019-04..2019-12", 50_000m, "2020-04..2020-12", 48_000m, change: -2_000m, percent: -4.0m);
        AssertRow(csv, "crime.total_recorded", Wakefield, "2019-04..2019-12", 19_000m, "2020-04..2020-12", 18_600m, change: -400m, percent: -2.1m);
        Assert.Contains("|  | Calderdale | 9,000 | 9,300 | 300 3.3% |", markdown, StringComparison.Ordinal);
        Assert.Contains("|  | Wakefield | 19,000 | 18,600 | -400 -2.1% |", markdown, StringComparison.Ordinal);

        // ASB from nine months each: 18,000 -> 17,991, -9 = -0.05% exactly, half away from zero -0.1%
        // (banker's rounding would print 0.0%). Calderdale 1,800 -> 1,791: -0.5%.
        AssertRow(csv, "asb.incidents", WestYorkshire, "2019-04..2019-12", 18_000m, "2020-04..2020-12", 17_991m, change: -9m, percent: -0.1m);
        AssertRow(csv, "asb.incidents", Calderdale, "2019-04..2019-12", 1_800m, "2020-04..2020-12", 1_791m, change: -9m, percent: -0.5m);
        Assert.Contains("| Anti-social behaviour incidents | West Yorkshire | 18,000 | 17,991 | -9 -0.1% |", markdown, StringComparison.Ordinal);

        // Conversion: crimes / incidents summed, 5,150 / 12,000 = 42.92% -> 5,800 / 12,000 = 48.33%,
        // +5.42 percentage points; the mean of the district rates would be 44.0%, not 48.3%.
        var county = Row(csv, "safeguarding.da_conversion_rate", WestYorkshire);
        Assert.Equal(("5150", "12000", "5800", "12000"), (county["previous_numerator"], county["previous_denominator"], county["current_numerator"], county["current_denominator"]));
        Assert.Equal("percent", county["unit"]);
        Assert.Equal(42.9167m, Math.Round(Number(county["previous_value"]), 4));
        Assert.Equal(48.3333m, Math.Round(Number(county["current_value"]), 4));
        Assert.Equal(5.4167m, Math.Round(Number(county["change_percentage_points"]), 4));
        Assert.Equal("", county["change_percent"]);
        Assert.Contains("| Domestic abuse conversion rate | West Yorkshire | 42.9% | 48.3% | 5.4pp |", markdown, StringComparison.Ordinal);
        // Districts, each a ratio of its own sums: Bradford 1,200/3,000 = 40% -> 1,500/3,000 = 50%;
        // Calderdale 350/1,000 = 35% -> 300/1,000 = 30%; Wakefield 800/2,000 = 40% -> 700/2,000 = 35%.
        Assert.Contains("|  | Bradford | 40.0% | 50.0% | 10.0pp |", markdown, StringComparison.Ordinal);
        Assert.Contains("|  | Calderdale | 35.0% | 30.0% | -5.0pp |", markdown, StringComparison.Ordinal);
        Assert.Contains("|  | Wakefield | 40.0% | 35.0% | -5.0pp |", markdown, StringComparison.Ordinal);
        Assert.Equal(("1500", "3000"), (Row(csv, "safeguarding.da_conversion_rate", Bradford)["current_numerator"], Row(csv, "safeguarding.da_conversion_rate", Bradford)["current_denominator"]));

        // Unique people were counted over 12 months only: never passed off as April to December.
        var missing = Row(csv, "safeguarding.missing_children", WestYorkshire);
        Assert.Equal(("", ""), (missing["current_value"], missing["previous_value"]));
        Assert.Contains("2020-04..2020-12", missing["explanation"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling12Months_UniquePeopleAndTheirRate_AsWorkedOutByHand()
    {
        var csv = await ReportCsvAsync("rolling-12-months");
        var markdown = await ReportMarkdownAsync("rolling-12-months");

        // Children missing, 12 months to December: 1,300 -> 1,234, -66 = -5.08% -> -5.1%.
        AssertRow(csv, "safeguarding.missing_children", WestYorkshire, "12 months to 2019-12", 1_300m, "12 months to 2020-12", 1_234m, change: -66m, percent: -5.1m);
        // More than once: 325 -> 300, -25 = -7.69% -> -7.7%.
        AssertRow(csv, "safeguarding.missing_children_repeat", WestYorkshire, "12 months to 2019-12", 325m, "12 months to 2020-12", 300m, change: -25m, percent: -7.7m);
        Assert.Contains("| Children missing | West Yorkshire | 1,300 | 1,234 | -66 -5.1% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Children missing more than once | West Yorkshire | 325 | 300 | -25 -7.7% |", markdown, StringComparison.Ordinal);

        // Their rate: 325 / 1,300 = 25.0% -> 300 / 1,234 = 24.31%, -0.69 percentage points -> -0.7pp.
        var rate = Row(csv, "safeguarding.missing_children_repeat_rate", WestYorkshire);
        Assert.Equal(("325", "1300", "300", "1234"), (rate["previous_numerator"], rate["previous_denominator"], rate["current_numerator"], rate["current_denominator"]));
        Assert.Equal(-0.6888m, Math.Round(Number(rate["change_percentage_points"]), 4));
        Assert.Contains("| Share of children missing more than once | West Yorkshire | 25.0% | 24.3% | -0.7pp |", markdown, StringComparison.Ordinal);

        // Recorded crime has no January to March 2020 quarter: 12 months to December cannot be tiled,
        // and the cell says which month is missing instead of showing April to December as 12 months.
        var crime = Row(csv, "crime.total_recorded", WestYorkshire);
        Assert.Equal("", crime["current_value"]);
        Assert.Contains("2020-01", crime["explanation"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousYear_TheQuarter_AsWorkedOutByHand()
    {
        var csv = await ReportCsvAsync("previous-year");

        // Q3: 12,500 + 3,000 + 7,500 + 17,500 + 6,600 = 47,100 -> 12,000 + 3,200 + 8,000 + 17,000 + 6,400
        // = 46,600: -500 = -1.06% -> -1.1%.
        AssertRow(csv, "crime.total_recorded", WestYorkshire, "FY2019/20-Q3", 47_100m, "FY2020/21-Q3", 46_600m, change: -500m, percent: -1.1m);
        // ASB for the quarter from its three months: 6,000 -> 5,997, -0.05% -> -0.1%.
        AssertRow(csv, "asb.incidents", WestYorkshire, "FY2019/20-Q3", 6_000m, "FY2020/21-Q3", 5_997m, change: -3m, percent: -0.1m);
    }

    private static void AssertRow(
        IReadOnlyList<Dictionary<string, string>> csv, string measure, string area, string previousPeriod, decimal previous, string currentPeriod, decimal current, decimal change, decimal percent)
    {
        var row = Row(csv, measure, area);
        Assert.Equal((previousPeriod, currentPeriod), (row["previous_period"], row["current_period"]));
        Assert.Equal((previous, current, change), (Number(row["previous_value"]), Number(row["current_value"]), Number(row["change"])));
        Assert.Equal(percent, Math.Round(Number(row["change_percent"]), 1, MidpointRounding.AwayFromZero));
        Assert.Equal("false", row["current_provisional"]);
    }

    private static Dictionary<string, string> Row(IReadOnlyList<Dictionary<string, string>> csv, string measure, string area) =>
        Assert.Single(csv, r => r["measure_id"] == measure && r["area_code"] == area);

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<Dictionary<string, string>>> ReportCsvAsync(string compare)
    {
        var (exit, output, error) = await RunAsync("report", "--area", WestYorkshire, "--period", "FY2020/21-Q3", "--compare", compare, "--view", "partner", "--format", "csv");
        Assert.True(exit == ExitCodes.Success, error);
        var records = CsvRecordReader.Read(new StringReader(output));
        var header = records[0].Fields;
        return [.. records.Skip(1).Select(r => header.Select((name, i) => (name, value: r.Fields[i])).ToDictionary(c => c.name, c => c.value))];
    }

    private async Task<string> ReportMarkdownAsync(string compare)
    {
        var (exit, output, error) = await RunAsync("report", "--area", WestYorkshire, "--period", "FY2020/21-Q3", "--compare", compare, "--view", "partner", "--format", "md");
        Assert.True(exit == ExitCodes.Success, error);
        return output;
    }

    private async Task SubmitEverythingAsync()
    {
        foreach (var (year, crime, asb, daCrimes) in new[] { (2019, Crime2019, AsbMonthly2019, DaCrimes2019), (2020, Crime2020, AsbMonthly2020, DaCrimes2020) })
        {
            for (var quarter = 1; quarter <= 3; quarter++)
            {
                var period = DomainPeriod.FinancialQuarter(year, quarter);
                foreach (var district in Districts)
                {
                    var crimeReturn = new StringBuilder(Header).Append('\n')
                        .Append(CultureInfo.InvariantCulture, $"crime.total_recorded,{district},{period.Label},{crime[district][quarter - 1]},,\n");
                    for (var month = period.Start; month <= period.End; month = month.AddMonths(1))
                    {
                        crimeReturn.Append(CultureInfo.InvariantCulture, $"asb.incidents,{district},{month:yyyy-MM},{asb[district]},,\n");
                    }

                    await SubmitAsync("crime", period.Label, crimeReturn.ToString());
                    await SubmitAsync("safeguarding", period.Label, $"""
                        {Header}
                        safeguarding.da_incidents,{district},{period.Label},{Incidents[district][quarter - 1]},,
                        safeguarding.da_crimes,{district},{period.Label},{daCrimes[district][quarter - 1]},,
                        """);
                }
            }
        }

        // Unique people, counted by the force over 12 months to December.
        foreach (var (label, children, repeat) in new[] { ("12 months to 2019-12", 1_300, 325), ("12 months to 2020-12", 1_234, 300) })
        {
            await SubmitAsync("safeguarding", label, $"""
                {Header}
                safeguarding.missing_children,{WestYorkshire},{label},{children},,
                safeguarding.missing_children_repeat,{WestYorkshire},{label},{repeat},,
                """);
        }

        // Every return at the aggregator before a report is read: ten a quarter (five crime, five
        // safeguarding) and the force's one for each 12 months.
        foreach (var (label, count) in new[] { ("FY2019/20-Q1", 10), ("FY2019/20-Q2", 10), ("FY2019/20-Q3", 10), ("FY2020/21-Q1", 10), ("FY2020/21-Q2", 10), ("FY2020/21-Q3", 10), ("12 months to 2019-12", 1), ("12 months to 2020-12", 1) })
        {
            await Eventually.WaitForAsync(
                async () => (await _host.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse(label).ToContract() })).Returns.Count,
                received => received == count,
                TimeSpan.FromSeconds(60),
                what: $"the {count} returns for {label} at the aggregator");
        }
    }

    private async Task SubmitAsync(string service, string period, string csv)
    {
        var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        var (exit, _, error) = await RunAsync("submit", file, "--service", service, "--period", period);
        Assert.True(exit == ExitCodes.Success, error);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var handler = _host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString(), error.ToString());
    }

    // A plan for the test, replacing the built-in one for the force: the measures whose windows a
    // published report of October to December 2020 uses.
    private const string PlanJson = """
        {
          "forceAreaCode": "E23000010",
          "title": "Windows of a published report (test plan)",
          "source": "test",
          "themes": [
            { "id": "crime", "name": "Crime", "order": 1, "objectives": [
              { "id": "crime", "name": "Reduce crime", "order": 1, "measures": [
                { "measure": "crime.total_recorded", "label": "Recorded crime", "order": 1 },
                { "measure": "asb.incidents", "label": "Anti-social behaviour incidents", "order": 2 } ] } ] },
            { "id": "safeguarding", "name": "Safeguarding", "order": 2, "objectives": [
              { "id": "safeguarding", "name": "Protect people", "order": 1, "measures": [
                { "measure": "safeguarding.da_conversion_rate", "label": "Domestic abuse conversion rate", "order": 1 },
                { "measure": "safeguarding.missing_children", "label": "Children missing", "order": 2 },
                { "measure": "safeguarding.missing_children_repeat", "label": "Children missing more than once", "order": 3 },
                { "measure": "safeguarding.missing_children_repeat_rate", "label": "Share of children missing more than once", "order": 4 } ] } ] }
          ]
        }
        """;
}
