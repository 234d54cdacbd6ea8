using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.Storage;
using Partnership.Testing;

namespace Partnership.Submissions.Tests.Storage;

public class SqliteConnectionSettingsTests
{
    private static CrimeMeasuresDbContext Open(TestStore store, string? busyTimeoutSeconds)
    {
        var settings = new Dictionary<string, string?>(store.Settings) { ["Storage:SqliteBusyTimeoutSeconds"] = busyTimeoutSeconds };
        var options = new DbContextOptionsBuilder<CrimeMeasuresDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "busy-timeout");
        return new CrimeMeasuresDbContext(options.Options);
    }

    [Theory]
    [InlineData(null, 30_000L)]
    [InlineData("1", 1_000L)]
    public async Task UsePartnershipStore_EveryOpenedConnection_WaitsInSqliteForTheConfiguredTimeout(string? configured, long expectedMilliseconds)
    {
        using var store = TestStore.Sqlite();

        // Twice: the second open takes the pooled connection, which must carry the setting too.
        for (var open = 0; open < 2; open++)
        {
            await using var db = Open(store, configured);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";

            Assert.Equal(expectedMilliseconds, await command.ExecuteScalarAsync());
        }
    }
}
