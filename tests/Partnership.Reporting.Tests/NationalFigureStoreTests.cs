using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;
using Partnership.Testing;

namespace Partnership.Reporting.Tests;

/// <summary>National figures are stored in their own table on each provider; importing a publication again replaces it.</summary>
public abstract class NationalFigureStoreTests
{
    private const string Rate = "crime.total_recorded.per_1000";
    private const string March2024 = "ONS Crime in England and Wales, year ending March 2024";
    private const string December2023 = "ONS Crime in England and Wales, year ending December 2023";
    private static readonly Period YearToMarch2024 = Period.FinancialYear(2023);
    private static readonly Period YearToDecember2023 = Period.Months(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 1));

    protected abstract TestStore NewStore();

    private static ReportingDbContext Open(TestStore store)
    {
        var options = new DbContextOptionsBuilder<ReportingDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build(), "reporting-national");
        return new ReportingDbContext(options.Options);
    }

    private static NationalFigureRow Row(string area, decimal value, string publication = March2024, Period? window = null) =>
        new(area, Rate, window ?? YearToMarch2024, value, publication, new DateOnly(2024, 7, 24));

    [Fact]
    public async Task ImportAsync_SamePublicationTwice_HoldsItsFiguresOnceWithTheSecondValues()
    {
        using var store = NewStore();
        await using (var db = Open(store))
        {
            await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
            var national = new NationalFigureStore(db, TimeProvider.System);
            await national.ImportAsync([Row(Areas.WestMercia, 61.0m), Row("E23000035", 55.0m)], CancellationToken.None);
            await national.ImportAsync([Row("E23000035", 54.0m, December2023, YearToDecember2023)], CancellationToken.None);

            var second = await national.ImportAsync([Row(Areas.WestMercia, 61.2m), Row("E23000035", 55.5m), Row(PoliceForces.EnglandAndWales, 74.3m)], CancellationToken.None);

            Assert.Equal([new NationalImport(March2024, 3, 2)], second);
        }

        await using var reopened = Open(store);
        var held = await new NationalFigureStore(reopened, TimeProvider.System).ForAsync([Rate], [YearToMarch2024, YearToDecember2023], CancellationToken.None);
        Assert.Equal(
            [
                (Areas.WestMercia, 61.2m, March2024),
                ("E23000035", 54.0m, December2023),
                ("E23000035", 55.5m, March2024),
                (PoliceForces.EnglandAndWales, 74.3m, March2024),
            ],
            held.Rows.OrderBy(r => r.AreaCode, StringComparer.Ordinal).ThenBy(r => r.Value).Select(r => (r.AreaCode, r.Value, r.Publication)));
        // Nothing of them is among partners' returns.
        Assert.Equal(0, await reopened.Observations.CountAsync());
    }

    [Fact]
    public async Task ForAsync_OnlyTheWindowsAsked_NotOthersStartingTheSameDay()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        var national = new NationalFigureStore(db, TimeProvider.System);
        var sixMonths = Period.Months(new DateOnly(2023, 4, 1), new DateOnly(2023, 9, 1));
        await national.ImportAsync([Row(Areas.WestMercia, 61.2m), Row(Areas.WestMercia, 30.1m, "A half-year table", sixMonths)], CancellationToken.None);

        var held = await national.ForAsync([Rate], [YearToMarch2024], CancellationToken.None);

        Assert.Equal([(YearToMarch2024, 61.2m)], held.Rows.Select(r => (r.Window, r.Value)));
    }
}

public sealed class NationalFigureStoreTestsOnSqlite : NationalFigureStoreTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class NationalFigureStoreTestsOnPostgres(PostgresFixture postgres) : NationalFigureStoreTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
