using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// A host killed (SIGKILL) between storing a return and publishing its event, then restarted on the
/// same data: the event still goes out, once, on each database. Runs on the local host's in-process
/// transport; the Dapr transport's crash and outage tests belong with its test sidecar.
/// </summary>
public abstract class CrashTests(TestStore store) : StoreTests(store)
{
    private const string Period = "FY2025/26-Q1";

    private static string ReturnCsv(int total) => $"""
        measure,area,period,value,numerator,denominator,status,note
        crime.total_recorded,{Areas.Bradford},{Period},{total},,,final,
        """;

    private static Task<(int ExitCode, string Output)> WaitForStatusAsync(LocalExchange exchange, string text, string what) =>
        Eventually.WaitForAsync(
            () => exchange.CliAsync("status", "--period", Period),
            r => r.ExitCode == 0 && r.Output.Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            what);

    [Fact]
    public async Task LocalHost_KilledAfterStoringBeforePublishing_PublishesOnRestartOnce()
    {
        using var bradford = new CsvFile(ReturnCsv(4_321));
        await using (var crashed = await LocalExchange.StartAsync(Store, seedDemoData: false, new Dictionary<string, string?> { ["Outbox__Paused"] = "true" }))
        {
            var submit = await crashed.CliAsync("submit", bradford.Path);
            Assert.True(submit.ExitCode == 0, submit.Output);
            // Stored and acknowledged, but the event is still in the outbox when the process dies.
            var status = await crashed.CliAsync("status", "--period", Period);
            Assert.Contains("1 not yet in the county report", status.Output, StringComparison.Ordinal);
            crashed.Kill();
        }

        await using var restarted = await LocalExchange.StartAsync(Store, seedDemoData: false);
        await WaitForStatusAsync(restarted, "0 not yet in the county report", "the stored return's event to be published after the restart");
        Assert.Equal(4_321m, await restarted.CountyValueAsync("crime.total_recorded", Period));

        // A resubmission after the restart supersedes it: revision 2 alone is counted.
        using var corrected = new CsvFile(ReturnCsv(4_400));
        var resubmit = await restarted.CliAsync("submit", corrected.Path);
        Assert.True(resubmit.ExitCode == 0, resubmit.Output);
        await Eventually.WaitForAsync(() => restarted.CountyValueAsync("crime.total_recorded", Period), total => total == 4_400m, TimeSpan.FromSeconds(30), "revision 2 in the county report");
    }
}

[Trait(Lane.Key, Lane.System)]
public sealed class CrashTestsOnSqlite() : CrashTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class CrashTestsOnPostgres(PostgresFixture postgres) : CrashTests(postgres.NewStore());
