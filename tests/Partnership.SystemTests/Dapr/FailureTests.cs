using System.Net;
using Microsoft.Data.Sqlite;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// What the exchange does when a part of it fails: the aggregator's database busy, a sidecar down.
/// Each test uses a quarter of its own, so the figures of one never meet another's.
/// </summary>
[Collection(DaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public class FailureTests(DaprExchange exchange)
{

    [Fact]
    public async Task AggregatorDatabaseBusy_AggregatorAnswersRetry_SidecarRedeliversAndTheEventArrivesOnce()
    {
        const string quarter = "FY2021/22-Q1";
        await exchange.SettledAsync();
        var before = await exchange.SidecarStatsAsync(exchange.Aggregator);
        var retriesBefore = Retries();

        // Another writer holds the aggregator's database: its writes fail as busy after a second.
        await using (var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = exchange.ReportingDatabase, Pooling = false }.ConnectionString))
        {
            await locker.OpenAsync();
            await using (var hold = locker.CreateCommand())
            {
                hold.CommandText = "BEGIN EXCLUSIVE;";
                await hold.ExecuteNonQueryAsync();
            }

            await CsvReturn.Of("victims", WestYorkshire, quarter, ("victims.satisfaction", "700/1000")).SubmitAsync(exchange);
            await exchange.WaitForAsync(() => Task.FromResult(Retries()), r => r > retriesBefore, "the aggregator to answer RETRY while its database is locked");
            Assert.Empty(await ReceivedAsync(quarter));
        }

        var received = await exchange.WaitForAsync(() => ReceivedAsync(quarter), r => r.Count == 1, "the return at the aggregator once the lock is released");
        await exchange.SettledAsync();

        Assert.Equal(1, received.Single().Revision);
        var deliveries = (await exchange.SidecarStatsAsync(exchange.Aggregator)).Deliveries.Skip(before.Deliveries.Count).ToList();
        Assert.All(deliveries, d => Assert.Equal(EventTopics.VictimServices, d.Topic));
        Assert.Single(deliveries.Select(d => d.Id).Distinct());
        Assert.All(deliveries, d => Assert.Equal("SUCCESS", d.Result));
        // Redelivered after RETRY, not given up: at least one copy needed more than one attempt.
        Assert.Contains(deliveries, d => d.Attempts > 1);
    }

    [Fact]
    public async Task SidecarDown_NotReadyAndSubmissionsWaitInTheOutbox_WhenBackReadyAndTheBacklogDrains()
    {
        const string quarter = "FY2021/22-Q2";
        var app = exchange.Safeguarding;
        await exchange.WaitForAsync(() => exchange.ReadinessAsync(app), s => s == HttpStatusCode.OK, "the safeguarding service to be ready");

        exchange.StopSidecar(app);
        await exchange.WaitForAsync(() => exchange.ReadinessAsync(app), s => s == HttpStatusCode.ServiceUnavailable, "readiness to fail without the sidecar");

        // Partners can still submit: each return is stored with its outbox record and waits there.
        CsvReturn[] returns =
        [
            CsvReturn.Of("safeguarding", Bradford, quarter, ("safeguarding.missing_children", "120")),
            CsvReturn.Of("safeguarding", Leeds, quarter, ("safeguarding.missing_children", "150")),
            CsvReturn.Of("safeguarding", Leeds, quarter, ("safeguarding.missing_children", "155")),
        ];
        foreach (var partnerReturn in returns)
        {
            await partnerReturn.SubmitAsync(exchange);
        }

        Assert.Empty(await ReceivedAsync(quarter));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await exchange.ReadinessAsync(app));

        await exchange.StartSidecarAgainAsync(app);
        await exchange.WaitForAsync(() => exchange.ReadinessAsync(app), s => s == HttpStatusCode.OK, "readiness once the sidecar is back");
        var received = await exchange.WaitForAsync(
            () => ReceivedAsync(quarter),
            r => r.Count == 2 && r.Sum(x => x.Revision) == returns.Length,
            "the backlog at the aggregator");
        await exchange.SettledAsync();

        var rollup = await exchange.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Period(quarter) });
        var missing = rollup.Measures.Single(m => m.Measure.Id == "safeguarding.missing_children");
        Assert.Equal([$"{Areas.Bradford}:1", $"{Areas.Leeds}:2"], missing.Districts.Select(d => $"{d.AreaCode}:{d.Revision}").Order(StringComparer.Ordinal));
        Assert.Equal(3, (await exchange.SidecarStatsAsync(app)).PublishesAccepted);
        Assert.Equal(2, received.Count);
    }

    /// <summary>How often the aggregator has logged a transient failure it answered with RETRY.</summary>
    private int Retries()
    {
        const string retry = "hit a transient failure; asking for redelivery";
        var output = exchange.OutputOf(exchange.Aggregator);
        return (output.Length - output.Replace(retry, "", StringComparison.Ordinal).Length) / retry.Length;
    }

    private static Contracts.Common.V1.Period Period(string quarter) => DomainPeriod.Parse(quarter).ToContract();

    private async Task<IReadOnlyList<ReceivedReturn>> ReceivedAsync(string quarter) =>
        (await exchange.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = Period(quarter) })).Returns;
}
