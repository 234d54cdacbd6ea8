using Partnership.LoadTest;
using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// The load test's short mode (bench/Partnership.LoadTest, whose full run is minutes long): partners
/// submitting and resubmitting at once, then every accepted return checked in the report, on each database.
/// </summary>
public abstract class LoadTests(TestStore store) : StoreTests(store)
{
    [Fact]
    public async Task ShortLoad_ManyPartnersResubmittingAtOnce_EveryAcceptedReturnInTheReportExactlyOnce()
    {
        var options = new LoadOptions { Duration = TimeSpan.FromSeconds(20), Months = 6, Concurrency = 16 };

        var result = await LoadRun.RunAsync(options, Store, TextWriter.Null);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.MostRevisions > 1, "the short run should resubmit returns: " + result);
        Assert.Equal(0, result.Failed);
    }
}

[Trait(Lane.Key, Lane.System)]
public sealed class LoadTestsOnSqlite() : LoadTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class LoadTestsOnPostgres(PostgresFixture postgres) : LoadTests(postgres.NewStore());
