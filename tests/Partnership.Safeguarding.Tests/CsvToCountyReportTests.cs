using Partnership.Cli;
using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Safeguarding.Tests.Returns;
using static Partnership.Testing.Areas;

namespace Partnership.Safeguarding.Tests;

/// <summary>End to end in memory: partners' CSV returns submitted with the CLI, the county report read back with it.</summary>
public sealed class CsvToCountyReportTests : IDisposable
{
    private readonly TempDirectory _directory = new("partnership-safeguarding-");

    public void Dispose() => _directory.Dispose();

    private static async Task<(int Exit, string Out, string Error)> RunAsync(ExchangeHost host, params string[] args)
    {
        using var handler = host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString(), error.ToString());
    }

    private string WriteReturn(string area, params (string Measure, string Value, string Numerator, string Denominator)[] rows) =>
        _directory.Write(area + ".csv", ["measure,area,period,value,numerator,denominator", .. rows.Select(r => $"{r.Measure},{area},{Q1.Label},{r.Value},{r.Numerator},{r.Denominator}")]);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadReport(string csv)
    {
        var records = CsvRecordReader.Read(new StringReader(csv));
        var header = records[0].Fields;
        // Each row as "column=value" cells, so an assertion names the column it checks.
        return records.Skip(1).ToDictionary(
            r => r.Fields[0],
            r => (IReadOnlyList<string>)[.. header.Select((h, i) => $"{h}={r.Fields[i]}")],
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task SubmitCsvReturns_ThenReport_PublicShowsSmallCountsOfOrdersAndPartnerSeesTrueFigures()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        (string Area, int Missing, int Stalking, int Incidents, int Crimes)[] districts =
        [
            (Bradford, 120, 1, 1_900, 1_200), (Calderdale, 41, 0, 700, 500), (Kirklees, 88, 0, 1_500, 900), (Leeds, 150, 2, 2_900, 2_000), (Wakefield, 30, 0, 1_000, 600),
        ];
        foreach (var (area, missing, stalking, incidents, crimes) in districts)
        {
            var file = WriteReturn(area,
                ("safeguarding.missing_children", $"{missing}", "", ""),
                ("safeguarding.stalking_protection_orders", $"{stalking}", "", ""),
                // A thousands separator, quoted as partners' spreadsheets write it.
                ("safeguarding.da_incidents", $"\"{incidents:N0}\"", "", ""),
                ("safeguarding.da_crimes", $"{crimes}", "", ""));
            var submitted = await RunAsync(host, "submit", file, "--service", "safeguarding");
            Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);
        }

        // The force's unique-person count: fewer than the district sum (429), at least Leeds's 150.
        var force = await RunAsync(host, "submit", WriteReturn(WestYorkshire, ("safeguarding.missing_children", "410", "", "")), "--service", "safeguarding");
        Assert.True(force.Exit == ExitCodes.Success, force.Error);

        var partner = await Eventually.WaitForAsync(
            () => RunAsync(host, "report", "--area", WestYorkshire, "--period", Q1.Label, "--format", "csv", "--view", "partner"),
            // The force's figure can reach the aggregator before the last district's: wait for both.
            r => ReadReport(r.Out).TryGetValue("safeguarding.missing_children", out var row) && row.Contains("county_value=410") && row.Contains("district_sum=429"),
            what: "the force figure and every district in the report");
        var partnerRows = ReadReport(partner.Out);
        Assert.Contains("county_value=410", partnerRows["safeguarding.missing_children"]);
        Assert.Contains("district_sum=429", partnerRows["safeguarding.missing_children"]);
        Assert.Contains("source=submitted_county_figure", partnerRows["safeguarding.missing_children"]);
        Assert.Contains("county_value=3", partnerRows["safeguarding.stalking_protection_orders"]);
        Assert.Contains("county_value=65", partnerRows["safeguarding.da_conversion_rate"]);
        Assert.Contains("numerator=5200", partnerRows["safeguarding.da_conversion_rate"]);
        Assert.Contains("denominator=8000", partnerRows["safeguarding.da_conversion_rate"]);

        var publicReport = await RunAsync(host, "report", "--area", WestYorkshire, "--period", Q1.Label, "--format", "csv");
        var publicRows = ReadReport(publicReport.Out);
        // Stalking protection orders are orders, not people: the county's 3 is published.
        Assert.Contains("county_value=3", publicRows["safeguarding.stalking_protection_orders"]);
        Assert.Contains("county_value=410", publicRows["safeguarding.missing_children"]);
        Assert.Equal(partnerRows["safeguarding.stalking_protection_orders"].Single(f => f.StartsWith("district_sum=", StringComparison.Ordinal)), publicRows["safeguarding.stalking_protection_orders"].Single(f => f.StartsWith("district_sum=", StringComparison.Ordinal)));
        // Public rates show without the counts behind them.
        Assert.Contains("county_value=65", publicRows["safeguarding.da_conversion_rate"]);
        Assert.Contains("numerator=", publicRows["safeguarding.da_conversion_rate"]);
    }

    private static IReadOnlyDictionary<(string Measure, string Area), IReadOnlyList<string>> ReadDeliveryReport(string csv)
    {
        var records = CsvRecordReader.Read(new StringReader(csv));
        var header = records[0].Fields;
        int Column(string name) => header.ToList().IndexOf(name);
        return records.Skip(1).ToDictionary(
            r => (r.Fields[Column("measure_id")], r.Fields[Column("area_code")]),
            r => (IReadOnlyList<string>)[.. header.Select((h, i) => $"{h}={r.Fields[i]}")]);
    }

    [Fact]
    public async Task SubmitCsvReturns_ThenDeliveryReport_PublishedCsvAndMarkdownHideSmallCountsOfPeopleAndWhatWouldRevealThem()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        // The same figures twice: children missing more than once are people (disclosive), DVPNs are notices (not).
        const string repeat = "safeguarding.missing_children_repeat";
        const string dvpn = "safeguarding.dvpn_issued";
        (string Area, int Count)[] districts = [(Bradford, 20), (Calderdale, 3), (Kirklees, 7), (Leeds, 12), (Wakefield, 9)];
        foreach (var (area, count) in districts)
        {
            var submitted = await RunAsync(host, "submit", WriteReturn(area, (repeat, $"{count}", "", ""), (dvpn, $"{count}", "", "")), "--service", "safeguarding");
            Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);
        }

        // Four young people flagged force-wide: a small count at county level. The force counts 48 children
        // missing more than once (some in two districts), against a district sum of 51.
        var force = await RunAsync(host, "submit", WriteReturn(WestYorkshire, ("safeguarding.children_at_risk_of_exploitation", "4", "", ""), (repeat, "48", "", "")), "--service", "safeguarding");
        Assert.True(force.Exit == ExitCodes.Success, force.Error);

        string[] report = ["report", "--area", WestYorkshire, "--period", Q1.Label, "--compare", "previous-year"];
        var partner = await Eventually.WaitForAsync(
            () => RunAsync(host, [.. report, "--format", "csv", "--view", "partner"]),
            r => ReadDeliveryReport(r.Out).TryGetValue((repeat, WestYorkshire), out var row) && row.Contains("current_value=48")
                && ReadDeliveryReport(r.Out)[(dvpn, WestYorkshire)].Contains("current_value=51")
                && ReadDeliveryReport(r.Out)[("safeguarding.children_at_risk_of_exploitation", WestYorkshire)].Contains("current_value=4"),
            what: "every return in the Delivery Quarterly Report");
        // The public view is the published edition: publish the quarter, as the OPCC would.
        await EditionPublisher.PublishAsync(host.Channel, WestYorkshire, Q1.Label);
        var published = await RunAsync(host, [.. report, "--format", "csv"]);
        var markdown = await RunAsync(host, [.. report, "--format", "md"]);

        // Partners with the safeguarding reader role (the test token holds every role) see true figures.
        var partnerRows = ReadDeliveryReport(partner.Out);
        Assert.Contains("current_value=3", partnerRows[(repeat, Calderdale)]);
        Assert.Contains("current_value=7", partnerRows[(repeat, Kirklees)]);
        // The public: Calderdale's 3 children are hidden (primary), and Kirklees's 7 with them, since the
        // district sum 51 shown beside the force's 48, less the other districts, would otherwise give the
        // 3 away (secondary); the rest and the force figure stand.
        var rows = ReadDeliveryReport(published.Out);
        Assert.Contains("current_value=*", rows[(repeat, Calderdale)]);
        Assert.Contains("current_value=*", rows[(repeat, Kirklees)]);
        Assert.Equal(2, districts.Count(d => rows[(repeat, d.Area)].Contains("current_value=*")));
        Assert.Contains("current_value=20", rows[(repeat, Bradford)]);
        Assert.Contains("current_value=48", rows[(repeat, WestYorkshire)]);
        Assert.Contains("district_sum=51", rows[(repeat, WestYorkshire)]);
        // The same 3 and 7 notices are published, and nothing is hidden beside them.
        Assert.Contains("current_value=3", rows[(dvpn, Calderdale)]);
        Assert.Contains("current_value=7", rows[(dvpn, Kirklees)]);
        Assert.DoesNotContain(districts, d => rows[(dvpn, d.Area)].Contains("current_value=*"));
        Assert.Contains("current_value=*", rows[("safeguarding.children_at_risk_of_exploitation", WestYorkshire)]);
        Assert.DoesNotContain(published.Out.Split('\n'), l => l.Contains($",{repeat},", StringComparison.Ordinal) && l.Contains($",{Areas.Calderdale},", StringComparison.Ordinal) && l.Contains($",{Q1.Label},3,", StringComparison.Ordinal));
        Assert.Contains("| Monitor young people flagged as at risk of criminal exploitation |", markdown.Out, StringComparison.Ordinal);
        Assert.Matches(@"\| Monitor young people flagged as at risk of criminal exploitation \| West Yorkshire \| [^|]* \| \* \|", markdown.Out);
    }

    [Fact]
    public async Task Template_Safeguarding_ListsSubmittableMeasuresOnly()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);

        var template = await RunAsync(host, "template", "--service", "safeguarding", "--area", Leeds, "--period", Q1.Label);

        Assert.Equal(ExitCodes.Success, template.Exit);
        var measures = CsvRecordReader.Read(new StringReader(template.Out)).Skip(1).Select(r => r.Fields[0]).ToList();
        Assert.Equal(21, measures.Count);
        Assert.Contains("safeguarding.missing_adults_repeat", measures);
        Assert.Contains("safeguarding.mental_health_incidents", measures);
        Assert.DoesNotContain("safeguarding.da_conversion_rate", measures);
    }

    [Fact]
    public async Task Submit_PartAboveWholeInCsv_IsRejectedNamingTheLine()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        var file = WriteReturn(Leeds, ("safeguarding.missing_adults", "40", "", ""), ("safeguarding.missing_adults_repeat", "41", "", ""));

        var result = await RunAsync(host, "submit", file, "--service", "safeguarding");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains(":3", result.Error, StringComparison.Ordinal);
        Assert.Contains("a part never exceeds its whole", result.Error, StringComparison.Ordinal);
    }
}
