using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// Revisions as a partner meets them, through the CLI and the local host process on each database: a
/// resubmission supersedes the figures in the report, the report names the revision it used, and the
/// history of the figure keeps every revision. (A late old revision is refused by the aggregator;
/// the integration tests deliver one on purpose, which the in-process bus here never does.)
/// </summary>
public abstract class RevisionTests(TestStore store) : StoreTests(store)
{
    private const string Period = "FY2025/26-Q1";
    private const string Measure = "crime.total_recorded";

    private static string ReturnCsv(int total) => $"""
        measure,area,period,value,numerator,denominator,status,note
        {Measure},{Areas.Bradford},{Period},{total},,,final,
        """;

    private static async Task SubmitAsync(LocalExchange exchange, int total)
    {
        using var file = new CsvFile(ReturnCsv(total));
        var submit = await exchange.CliAsync("submit", file.Path);
        Assert.True(submit.ExitCode == 0, submit.Output);
    }

    [Fact]
    public async Task Resubmit_WithCli_ReportUsesRevisionTwoAloneAndHistoryKeepsBoth()
    {
        await using var exchange = await LocalExchange.StartAsync(Store, seedDemoData: false);
        await SubmitAsync(exchange, 4_321);
        await Eventually.WaitForAsync(() => exchange.CountyValueAsync(Measure, Period), v => v == 4_321m, TimeSpan.FromSeconds(30), "revision 1 in the county report");

        await SubmitAsync(exchange, 4_400);

        // Superseded, not added: 4,400 alone, never 8,721.
        await Eventually.WaitForAsync(() => exchange.CountyValueAsync(Measure, Period), v => v == 4_400m, TimeSpan.FromSeconds(30), "revision 2 in the county report");

        // The published report names the return and revision behind each county figure.
        var report = await exchange.CliAsync("report", "--area", Areas.WestYorkshire, "--period", Period, "--compare", "previous-year", "--format", "csv", "--view", "partner");
        Assert.True(report.ExitCode == 0, report.Output);
        var county = report.Output.Split('\n').Single(l => l.Contains($",{Measure},", StringComparison.Ordinal) && l.Contains(",county,", StringComparison.Ordinal));
        Assert.Contains($"{Areas.Bradford}:{Period}:", county, StringComparison.Ordinal);
        Assert.Contains(":r2:", county, StringComparison.Ordinal);
        Assert.DoesNotContain(":r1:", county, StringComparison.Ordinal);

        // The history keeps what revision 1 said.
        var history = await exchange.CliAsync("history", "--measure", Measure, "--area", Areas.Bradford, "--period", Period);
        Assert.True(history.ExitCode == 0, history.Output);
        var lines = history.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("  1  ", StringComparison.Ordinal) && l.Contains("4321", StringComparison.Ordinal) && l.Contains("superseded by revision 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("  2  ", StringComparison.Ordinal) && l.Contains("4400", StringComparison.Ordinal) && l.Contains("current", StringComparison.Ordinal));
        Assert.Contains("2 revisions.", history.Output, StringComparison.Ordinal);
    }
}

[Trait(Lane.Key, Lane.System)]
public sealed class RevisionTestsOnSqlite() : RevisionTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class RevisionTestsOnPostgres(PostgresFixture postgres) : RevisionTests(postgres.NewStore());
