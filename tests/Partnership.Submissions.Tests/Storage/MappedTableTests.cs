using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.Storage;
using Partnership.Submissions.Storage;
using Partnership.Testing;

namespace Partnership.Submissions.Tests.Storage;

public sealed class MappedTableTests
{
    private static CrimeMeasuresDbContext Open(IReadOnlyDictionary<string, string?> settings)
    {
        var options = new DbContextOptionsBuilder<CrimeMeasuresDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "mapped-table");
        return new CrimeMeasuresDbContext(options.Options);
    }

    // Only the model is read: no connection is opened, so no server is needed.
    private static CrimeMeasuresDbContext OpenPostgres() => Open(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:PostgresConnectionString"] = "Host=127.0.0.1;Username=nobody",
    });

    [Fact]
    public void Of_TwoContextsOfOneModel_DescribesTheTableOnce()
    {
        using var store = TestStore.Sqlite();
        using var first = Open(store.Settings);
        using var second = Open(store.Settings);

        Assert.Same(MappedTable.Of<StoredReturn>(first), MappedTable.Of<StoredReturn>(second));
    }

    [Fact]
    public void Of_SameContextTypeOnEachProvider_NamesByEachProvidersRules()
    {
        using var store = TestStore.Sqlite();
        using var sqlite = Open(store.Settings);
        using var postgres = OpenPostgres();

        // SQLite's generator quotes every identifier, Npgsql's only those that need it: a cache per
        // context type, not per model, would hand one provider's names to the other.
        var onSqlite = MappedTable.Of<StoredReturn>(sqlite);
        var onPostgres = MappedTable.Of<StoredReturn>(postgres);
        Assert.Equal("\"returns\"", onSqlite.Name);
        Assert.Equal("returns", onPostgres.Name);
        Assert.Equal("\"ReturnKey\"", onSqlite.Column(nameof(StoredReturn.ReturnKey)));
        Assert.Equal("\"ReturnKey\"", onPostgres.Column(nameof(StoredReturn.ReturnKey)));
    }

    [Fact]
    public void Values_EnumStoredAsText_ReadAsTheProviderStoresIt()
    {
        using var postgres = OpenPostgres();
        var status = MappedTable.Of<StoredObservation>(postgres).Values.Single(v => v.Property.Name == nameof(StoredObservation.Status));

        Assert.Equal(typeof(string), status.ClrType);
        Assert.Equal(nameof(Domain.ObservationStatus.Provisional), status.Of(new StoredObservation
        {
            MeasureId = "crime.total_recorded",
            AreaCode = Areas.Bradford,
            PeriodKey = "FY2020/21-Q3",
            Status = Domain.ObservationStatus.Provisional,
        }));
    }
}
