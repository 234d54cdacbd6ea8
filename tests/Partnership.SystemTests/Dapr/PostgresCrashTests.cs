using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// The smallest exchange that shows the crashes on PostgreSQL, as production stores: the crime
/// measures service and the aggregator, each a process beside its sidecar, on a throwaway server.
/// </summary>
public sealed class PostgresDaprExchange : DaprExchange
{
    private PostgresServer? _server;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task<TestStore> CreateStoreAsync()
    {
        _server = await PostgresServer.StartAsync();
        return TestStore.Postgres(_server);
    }

    protected override IReadOnlyList<DaprApp> ChooseDomainServices() => [Crime];
}

/// <summary>Run alone, like <see cref="DaprCollection"/>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresDaprCollection : ICollectionFixture<PostgresDaprExchange>
{
    public const string Name = "Dapr multi-process exchange on PostgreSQL";
}

[Collection(PostgresDaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public class PostgresCrashTests(PostgresDaprExchange exchange)
{
    private const string Quarter = "FY2023/24-Q2";
    private static readonly string[] Districts = [Areas.Bradford, Areas.Calderdale, Areas.Kirklees, Areas.Leeds, Areas.Wakefield];

    private static CsvReturn Crime(string area, int total) => CsvReturn.Of("crime", area, Quarter, ("crime.total_recorded", $"{total}"));

    [Fact]
    public async Task AggregatorKilledAndPublisherSidecarStoppedMidStream_OnPostgres_EveryReturnCountedOnce()
    {
        var period = DomainPeriod.Parse(Quarter).ToContract();

        foreach (var (area, i) in Districts.Select((a, i) => (a, i)))
        {
            await Crime(area, 1_000 + i).SubmitAsync(exchange);
        }

        // A crash mid-delivery: the aggregator dies (SIGKILL) once it has taken some of the stream.
        await exchange.WaitForAsync(() => exchange.SidecarStatsAsync(exchange.Aggregator), s => s.Deliveries.Count > 0, "a first delivery");
        exchange.Kill(exchange.Aggregator);

        // Then the publisher's sidecar goes too; the revisions wait in the outbox.
        exchange.StopSidecar(exchange.Crime);
        foreach (var (area, i) in Districts.Select((a, i) => (a, i)))
        {
            await Crime(area, 2_000 + i).SubmitAsync(exchange);
        }

        await exchange.StartAgainAsync(exchange.Aggregator);
        await exchange.StartSidecarAgainAsync(exchange.Crime);

        var rollup = await exchange.WaitForAsync(
            () => exchange.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = period }).ResponseAsync,
            r => r.Measures.SingleOrDefault(m => m.Measure.Id == "crime.total_recorded") is { } total && total.Districts.Count == Districts.Length && total.Districts.All(d => d.Revision == 2),
            "every district's revision in the report");
        await exchange.SettledAsync();

        var total = rollup.Measures.Single(m => m.Measure.Id == "crime.total_recorded");
        // Each district counted once, at its latest figure: 2000 + ... + 2004.
        Assert.Equal(10_010m, total.CountyValue.ToDecimal());
        var received = (await exchange.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = period })).Returns;
        Assert.Equal(Districts.Length, received.Count);
        Assert.All(received, r => Assert.Equal(2, r.Revision));
        var deliveries = (await exchange.SidecarStatsAsync(exchange.Aggregator)).Deliveries.Where(d => d.Topic == EventTopics.CrimeMeasures).ToList();
        Assert.Equal(2 * Districts.Length, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal("SUCCESS", d.Result));
    }
}
