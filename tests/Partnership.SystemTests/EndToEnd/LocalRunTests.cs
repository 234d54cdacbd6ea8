using System.Globalization;
using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// The whole system as a user runs it: the local host process and the CLI process, on each database
/// the host can be configured for.
/// </summary>
public abstract class LocalRunTests(TestStore store) : StoreTests(store)
{
    private const string Period = "FY2025/26-Q1";

    private Task<LocalExchange> StartAsync(bool seedDemoData) => LocalExchange.StartAsync(Store, seedDemoData);

    private static string ReturnCsv(string area, int total, int violence, int solved) => $"""
        measure,area,period,value,numerator,denominator,status,note
        crime.total_recorded,{area},{Period},"{total:N0}",,,final,
        crime.violence_with_injury,{area},{Period},{violence},,,final,
        crime.violence_with_injury_solved,{area},{Period},,{solved},{violence},provisional,awaiting outcomes
        """;

    private static Dictionary<string, string[]> ReportRows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.First(l => l.StartsWith("measure_id", StringComparison.Ordinal));
        return lines.SkipWhile(l => l != header).Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0]);
    }

    [Fact]
    public async Task SubmitWithCli_BradfordAndLeeds_CountyRollupAddsThemAndNamesMissingDistricts()
    {
        await using var exchange = await StartAsync(seedDemoData: false);
        using var bradford = new CsvFile(ReturnCsv(Areas.Bradford, 4_321, 1_210, 130));
        using var leeds = new CsvFile(ReturnCsv(Areas.Leeds, 6_789, 1_790, 230));

        var submitBradford = await exchange.CliAsync("submit", bradford.Path);
        var submitLeeds = await exchange.CliAsync("submit", leeds.Path);

        Assert.True(submitBradford.ExitCode == 0, submitBradford.Output);
        Assert.True(submitLeeds.ExitCode == 0, submitLeeds.Output);
        // The in-process bus delivers within milliseconds; a second is the promise.
        var report = await Eventually.WaitForAsync(
            () => exchange.CliAsync("report", "--area", Areas.WestYorkshire, "--period", Period, "--format", "csv"),
            r => r.ExitCode == 0 && r.Output.Contains("11110", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "both returns in the county report");
        var rows = ReportRows(report.Output);
        var total = rows["crime.total_recorded"];
        Assert.Equal(11_110m, decimal.Parse(total[4], CultureInfo.InvariantCulture));
        Assert.Contains(Areas.Calderdale, report.Output, StringComparison.Ordinal);
        Assert.Contains(Areas.Kirklees, report.Output, StringComparison.Ordinal);
        Assert.Contains(Areas.Wakefield, report.Output, StringComparison.Ordinal);
        var solved = rows["crime.violence_with_injury_solved"];
        // Ratio of sums: (130 + 230) / (1,210 + 1,790) = 0.12, not the mean of the two rates; the CSV
        // writes rates in percent.
        Assert.Equal(12m, decimal.Parse(solved[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Status_AfterOneReturn_ShowsItReachedTheAggregatorAndTheRestMissing()
    {
        await using var exchange = await StartAsync(seedDemoData: false);
        using var bradford = new CsvFile(ReturnCsv(Areas.Bradford, 4_321, 1_210, 130));
        var submit = await exchange.CliAsync("submit", bradford.Path);
        Assert.True(submit.ExitCode == 0, submit.Output);

        var status = await Eventually.WaitForAsync(
            () => exchange.CliAsync("status", "--period", Period),
            r => r.ExitCode == 0 && r.Output.Contains("0 not yet in the county report", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "Bradford's return to reach the aggregator");

        var lines = status.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains($"Bradford ({Areas.Bradford})", StringComparison.Ordinal) && l.Contains("revision 1", StringComparison.Ordinal) && l.TrimEnd().EndsWith("yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Leeds ({Areas.Leeds})", StringComparison.Ordinal) && l.Contains("not received", StringComparison.Ordinal));
        // Other services on the host expect returns too; only Bradford's has come in.
        Assert.Matches(@"1 of \d+ returns received", status.Output);
    }

    [Fact]
    public async Task SubmitWithCli_MalformedCsv_RejectedWithLineAndFieldAndNothingStored()
    {
        await using var exchange = await StartAsync(seedDemoData: false);
        using var bad = new CsvFile($"""
            measure,area,period,value,numerator,denominator
            crime.made_up,{Areas.Bradford},{Period},12,,
            crime.total_recorded,{Areas.Bradford},{Period},64 Q3 only,,
            crime.violence_with_injury_solved,{Areas.Bradford},{Period},,120,100
            """);

        var result = await exchange.CliAsync("submit", bad.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(":3:", result.Output, StringComparison.Ordinal);
        Assert.Contains("value", result.Output, StringComparison.Ordinal);
        var report = await exchange.CliAsync("report", "--area", Areas.WestYorkshire, "--period", Period, "--format", "csv");
        Assert.DoesNotContain("crime.", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitWithCli_ServerSideRejection_NamesLineAndField()
    {
        await using var exchange = await StartAsync(seedDemoData: false);
        using var bad = new CsvFile($"""
            measure,area,period,value,numerator,denominator
            crime.total_recorded,{Areas.Bradford},{Period},12,,
            crime.made_up,{Areas.Bradford},{Period},12,,
            crime.violence_with_injury_solved,{Areas.Bradford},{Period},,120,100
            """);

        var result = await exchange.CliAsync("submit", bad.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(":3:", result.Output, StringComparison.Ordinal);
        Assert.Contains("unknown measure", result.Output, StringComparison.Ordinal);
        Assert.Contains(":4:", result.Output, StringComparison.Ordinal);
        Assert.Contains("numerator", result.Output, StringComparison.Ordinal);
        var report = await exchange.CliAsync("report", "--area", Areas.WestYorkshire, "--period", Period, "--format", "csv");
        Assert.DoesNotContain("crime.total_recorded", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalRun_Banner_NamesGrpcHttpAndDashboardAddresses()
    {
        await using var exchange = await StartAsync(seedDemoData: false);

        // The README promises these lines; the dashboard's address must be one a browser can open.
        Assert.Contains($"reporting): {exchange.GrpcUrl}", exchange.HostOutput, StringComparison.Ordinal);
        Assert.Contains($"readiness: /readyz): {exchange.HttpUrl}", exchange.HostOutput, StringComparison.Ordinal);
        var dashboardUrl = System.Text.RegularExpressions.Regex.Match(exchange.HostOutput, @"Dashboard \(.*\): (\S+)").Groups[1].Value;
        Assert.Equal(exchange.HttpUrl + "/", dashboardUrl);
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri(dashboardUrl));
        // Without demo data no edition is published yet: the public dashboard is the page that says so.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("has been published yet", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalRun_DemoData_CountyReportHasAllFiveDistricts()
    {
        await using var exchange = await StartAsync(seedDemoData: true);

        var report = await Eventually.WaitForAsync(
            () => exchange.CliAsync("report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q4", "--format", "csv"),
            r => r.ExitCode == 0 && r.Output.Contains("crime.total_recorded", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the demo data in the county report");

        var total = ReportRows(report.Output)["crime.total_recorded"];
        Assert.True(decimal.Parse(total[4], CultureInfo.InvariantCulture) > 50_000m, string.Join(",", total));
        Assert.Contains("survey.feeling_safe", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalRun_TokenMintedByCli_SubmitsAndWithoutTokenIsRefused()
    {
        await using var exchange = await StartAsync(seedDemoData: false);
        using var bradford = new CsvFile(ReturnCsv(Areas.Bradford, 4_321, 1_210, 130));

        // The README's steps: mint a token for the agency, then submit with it.
        var minted = await ServiceProcess.RunAsync(
            RepositoryPaths.ServiceAssembly("Cli", "partnership"),
            ["token", "--agency", "Bradford CSP", "--area", Areas.Bradford, "--role", "csp-submitter"]);
        var withoutToken = await exchange.CliWithTokenAsync(null, "submit", bradford.Path);
        var withToken = await exchange.CliWithTokenAsync(minted.Output.Trim(), "submit", bradford.Path);

        Assert.True(minted.ExitCode == 0, minted.Output);
        Assert.NotEqual(0, withoutToken.ExitCode);
        Assert.Contains("token", withoutToken.Output, StringComparison.Ordinal);
        Assert.True(withToken.ExitCode == 0, withToken.Output);
    }
}

[Trait(Lane.Key, Lane.System)]
public sealed class LocalRunTestsOnSqlite() : LocalRunTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class LocalRunTestsOnPostgres(PostgresFixture postgres) : LocalRunTests(postgres.NewStore());
