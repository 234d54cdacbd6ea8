using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// The report cache must never show anything but what a fresh read of the read model shows: after new
/// returns, revisions, late old revisions, duplicates, several returns behind one figure and returns
/// of other forces, the cached figures give the same report, cell for cell, as figures read whole.
/// </summary>
public abstract class ForceFiguresCacheTests
{
    protected abstract TestStore NewStore();

    private static readonly Geography Geography = Geography.Load();
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly ComparisonKind[] Comparisons = [ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months, ComparisonKind.YearToDate];

    private static readonly IReadOnlyList<MeasureDefinition> Measures =
    [
        .. Catalogue.All.Where(m => m.Service == "crime-measures" && m.Level == SubmissionLevel.District && m.Kind == FigureKind.Count && m.AllowsCadence(PeriodKind.Quarter) && !m.IsDerived).Take(3),
        .. Catalogue.All.Where(m => m.Level == SubmissionLevel.District && m.Kind == FigureKind.Ratio && m.AllowsCadence(PeriodKind.Quarter) && !m.IsDerived).Take(1),
    ];

    private static readonly Period[] Quarters = [Period.FinancialQuarter(2023, 3), Period.FinancialQuarter(2023, 4), Period.FinancialQuarter(2024, 3)];

    [Fact]
    public async Task GetAsync_AfterEveryKindOfChange_GivesTheReportAFreshReadGives()
    {
        await using var model = await TestReadModel.StartAsync(NewStore(), "reporting-cache");
        var (services, handler) = (model.Services, model.Handler);
        var cached = new ForceFiguresCache(Catalogue, Options.Create(new ReportCacheOptions()), NullLogger<ForceFiguresCache>.Instance);
        var fresh = new ForceFiguresCache(Catalogue, Options.Create(new ReportCacheOptions { Forces = 0 }), NullLogger<ForceFiguresCache>.Instance);
        // Keeps one force's figures: reporting another force between reports leaves West Yorkshire as compact rows.
        var compactReads = new CacheReads();
        var compacting = new ForceFiguresCache(Catalogue, Options.Create(new ReportCacheOptions { Forces = 1 }), compactReads);
        var districts = Geography.DistrictsOf(WestYorkshire, Quarters[^1].End).Select(d => d.Code).Take(3).ToList();
        var elsewhere = Geography.Areas.First(a => a.Type == AreaType.District && !Geography.DistrictsEverOf(WestYorkshire).Contains(a)).Code;
        var otherForce = Geography.Areas.First(a => a.Type == AreaType.Force && a.Code != WestYorkshire).Code;
        string[] areas = [.. districts, WestYorkshire, elsewhere];
        var random = new Random(11);
        var revisions = new Dictionary<string, int>(StringComparer.Ordinal);
        var sent = new List<QuarterlyUpdate>();
        var compared = 0;

        for (var step = 0; step < 80; step++)
        {
            QuarterlyUpdate update;
            var roll = random.Next(10);
            if (roll == 0 && sent.Count > 0)
            {
                // The same event delivered again.
                update = sent[random.Next(sent.Count)];
            }
            else if (roll == 1 && sent.Count > 0)
            {
                // An older revision arriving after newer ones: a new event the aggregator must ignore.
                update = sent[random.Next(sent.Count)].Clone();
                update.EventId = Guid.NewGuid().ToString();
            }
            else
            {
                // A second source (another provider's return) makes two returns behind one figure.
                var area = areas[random.Next(areas.Length)];
                var source = random.Next(3) == 0 ? "provider-b" : "";
                var quarter = Quarters[random.Next(Quarters.Length)];
                var key = $"crime|{area}|{quarter.Key}|{source}";
                revisions[key] = revisions.GetValueOrDefault(key) + 1;
                update = Update(key, revisions[key], area, quarter, random);
                sent.Add(update);
            }

            Assert.NotEqual(DeliveryOutcome.Retry, await handler.HandleAsync("crime", update, CancellationToken.None));
            if (step % 4 == 3)
            {
                var expected = await ReportAsync(services, fresh);
                Assert.Equal(expected, await ReportAsync(services, cached));
                Assert.Equal(expected, await ReportAsync(services, compacting));
                await ReportAsync(services, compacting, otherForce);
                Assert.False(compacting.HoldsFigures(WestYorkshire));
                compared++;
            }
        }

        Assert.Equal(20, compared);
        // After its first read, West Yorkshire's figures were only ever made from its compact rows and patched.
        var westYorkshire = compactReads.Of(WestYorkshire);
        Assert.Single(westYorkshire, m => m.StartsWith("Read every figure", StringComparison.Ordinal));
        Assert.Equal(20, westYorkshire.Count(m => m.EndsWith("compact rows", StringComparison.Ordinal)));
        // The comparison above is only worth something if the report shows figures.
        Assert.Contains(Measures[0].Id, await ReportAsync(services, cached), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TwoReturnsBehindOneFigure_EachRowHasItsReturnsSubmissionTime()
    {
        // The submission time decides between returns claiming one figure; it is read with the rows.
        await using var model = await TestReadModel.StartAsync(NewStore(), "reporting-cache-submitted");
        var (services, handler) = (model.Services, model.Handler);
        var cache = new ForceFiguresCache(Catalogue, Options.Create(new ReportCacheOptions()), NullLogger<ForceFiguresCache>.Instance);
        var district = Geography.DistrictsOf(WestYorkshire, Quarters[^1].End).First().Code;
        var submitted = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (source, at) in new[] { ("", 1_700_000_000_000L), ("provider-b", 1_700_000_600_000L) })
        {
            var key = $"crime|{district}|{Quarters[^1].Key}|{source}";
            var update = Update(key, 1, district, Quarters[^1], new Random(5));
            update.SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(at));
            Assert.NotEqual(DeliveryOutcome.Retry, await handler.HandleAsync("crime", update, CancellationToken.None));
            submitted[key] = at;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var rows = (await cache.GetAsync(db, WestYorkshire, DeliveryReportQuery.AreasOf(Geography, WestYorkshire), CancellationToken.None)).Rows().ToList();

        Assert.Equal(submitted.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Figure.ReturnKey).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(submitted[r.Figure.ReturnKey], r.Figure.SubmittedAtMs));
    }

    private static QuarterlyUpdate Update(string key, int revision, string area, Period quarter, Random random)
    {
        var update = new QuarterlyUpdate
        {
            EventId = Guid.NewGuid().ToString(),
            ContractVersion = EventTopics.QuarterlyUpdateContractVersion,
            SourceService = "crime",
            SubmittedBy = "Test",
            SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = key,
            Revision = revision,
            AreaCode = area,
            Period = quarter.ToContract(),
        };
        // Each revision holds a different subset of measures, so a revision also takes figures away.
        foreach (var measure in Measures.Where(_ => random.Next(3) > 0))
        {
            var figure = measure.Kind == FigureKind.Ratio
                ? Figure.OfFraction(random.Next(0, 50), random.Next(50, 100))
                : Figure.OfValue(random.Next(0, 500));
            update.Observations.Add(new Observation(measure.Id, area, quarter, figure, ObservationStatus.Final, Confidentiality.Free, "", Trend.None).ToContract());
        }

        return update;
    }

    /// <summary>The force's whole report (partner view, every cell with its sources) as CSV.</summary>
    private static async Task<string> ReportAsync(ServiceProvider services, ForceFiguresCache cache, string force = WestYorkshire)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var figures = await cache.GetAsync(db, force, DeliveryReportQuery.AreasOf(Geography, force), CancellationToken.None);
        var plan = new DeliveryPlan(force, "Test plan", "test", [new PlanTheme("all", "All", 1, [new PlanObjective("all", "All", 1, [.. Measures.Select((m, i) => new PlanMeasure(m.Id, m.Name, i + 1))])])]);
        var report = new DeliveryReportBuilder(Catalogue, Geography).Build(plan, Quarters[^1], Comparisons, figures);
        var output = new StringWriter();
        DeliveryReportCsv.Write(report, output);
        return output.ToString();
    }
}

public sealed class ForceFiguresCacheTestsOnSqlite : ForceFiguresCacheTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class ForceFiguresCacheTestsOnPostgres(PostgresFixture postgres) : ForceFiguresCacheTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
