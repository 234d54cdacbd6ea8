using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

public abstract class QuarterlyUpdateHandlerTests
{
    protected abstract TestStore NewStore();

    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();

    private static QuarterlyUpdate Update(int revision, decimal value, string? eventId = null, int contractVersion = EventTopics.QuarterlyUpdateContractVersion)
    {
        var update = new QuarterlyUpdate
        {
            EventId = eventId ?? Guid.NewGuid().ToString(),
            ContractVersion = contractVersion,
            SourceService = "crime-measures",
            SubmittedBy = "Bradford CSP",
            SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = $"crime-measures|{Bradford}|2020-10-01..2020-12-31",
            Revision = revision,
            AreaCode = Bradford,
            Period = Q3,
        };
        update.Observations.Add(new Observation { MeasureId = "crime.total_recorded", AreaCode = Bradford, Period = Q3, Value = value });
        return update;
    }

    private static async Task<decimal?> CountyValueAsync(ExchangeHost host)
    {
        var rollup = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = Areas.WestYorkshire, Period = Q3 });
        // The count's rate per 1,000 population is rolled up beside it.
        return rollup.Measures.SingleOrDefault(m => m.Measure.Id == "crime.total_recorded")?.CountyValue?.ToDecimal();
    }

    [Fact]
    public async Task HandleAsync_SameEventTwice_SecondIsDuplicateAndChangesNothing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        var update = Update(1, 100);

        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, update, default));
        Assert.Equal(DeliveryOutcome.Duplicate, await handler.HandleAsync(EventTopics.CrimeMeasures, update, default));

        Assert.Equal(100m, await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_OlderRevisionArrivesLate_IsIgnored()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(2, 120), default));
        Assert.Equal(DeliveryOutcome.Stale, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100), default));

        Assert.Equal(120m, await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_NewerRevision_ReplacesOlderFigures()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100), default);
        await handler.HandleAsync(EventTopics.CrimeMeasures, Update(2, 120), default);

        Assert.Equal(120m, await CountyValueAsync(host));
    }

    /// <summary>
    /// On PostgreSQL the claim and the replacement of the rows go in one batch, the replacement
    /// conditional on the claim; whichever way a delivery loses the claim (an older revision, the same
    /// revision under another event, the same event again), it must leave the held rows and return
    /// row alone and be recorded once, with its outcome.
    /// </summary>
    [Fact]
    public async Task HandleAsync_DeliveriesThatLoseTheClaim_KeepTheHeldRowsAndAreRecordedWithTheirOutcome()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        var held = Revision($"crime-measures|{Bradford}|held", 2);
        var older = Revision(held.ReturnKey, 1);
        var sameRevision = Revision(held.ReturnKey, 2);

        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, held, default));
        Assert.Equal(DeliveryOutcome.Stale, await handler.HandleAsync(EventTopics.CrimeMeasures, older, default));
        Assert.Equal(DeliveryOutcome.Duplicate, await handler.HandleAsync(EventTopics.CrimeMeasures, sameRevision, default));
        Assert.Equal(DeliveryOutcome.Duplicate, await handler.HandleAsync(EventTopics.CrimeMeasures, held, default));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var version = await db.ReturnVersions.AsNoTracking().SingleAsync();
        Assert.Equal((2, held.EventId, held.ReturnId), (version.Revision, version.EventId, version.ReturnId));
        var rows = await db.Observations.AsNoTracking().Where(o => o.ReturnKey == held.ReturnKey).ToListAsync();
        Assert.Equal(
            held.Observations.Select(o => (o.MeasureId, held.ReturnId, o.Value.ToDecimal())).Order(),
            rows.Select(o => (o.MeasureId, o.ReturnId, o.Value ?? 0)).Order());
        var recorded = await db.ProcessedEvents.AsNoTracking().ToListAsync();
        Assert.Equal(
            new[] { (held.EventId, 2, DeliveryOutcome.Processed), (older.EventId, 1, DeliveryOutcome.Stale), (sameRevision.EventId, 2, DeliveryOutcome.Duplicate) }.Order(),
            recorded.Select(e => (e.EventId, e.Revision, e.Outcome)).Order());
    }

    /// <summary>
    /// Dapr delivers concurrently, in any order and at least once: every revision of several returns
    /// (new to the read model, or already held at revision 1), each event twice, all at once. Whatever
    /// the interleaving, each return must end with its highest revision's rows, once, and every event
    /// must be recorded exactly once.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_RevisionsDeliveredConcurrently_HighestRevisionHeldOnce(bool alreadyHeld)
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        const int returnCount = 6;
        const int revisionCount = 8;
        var updates = Enumerable.Range(0, returnCount)
            .SelectMany(r => Enumerable.Range(1, revisionCount).Select(revision => Revision($"crime-measures|{Bradford}|concurrent-{r}", revision)))
            .ToList();
        if (alreadyHeld)
        {
            foreach (var first in updates.Where(u => u.Revision == 1).ToList())
            {
                Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, first, default));
                updates.Remove(first);
            }
        }

        var random = new Random(11);
        var deliveries = updates.Concat(updates).OrderBy(_ => random.Next()).ToList();

        // Up to sixteen at once, as a sidecar with a bounded app concurrency delivers (and within the
        // connections the shared test server allows).
        using var inFlight = new SemaphoreSlim(16);
        var outcomes = await Task.WhenAll(deliveries.Select(update => Task.Run(() => DeliverUntilSettledAsync(handler, update, inFlight))));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        foreach (var latest in updates.Where(u => u.Revision == revisionCount))
        {
            var version = await db.ReturnVersions.AsNoTracking().SingleAsync(v => v.ReturnKey == latest.ReturnKey);
            Assert.Equal((revisionCount, latest.EventId, latest.ReturnId), (version.Revision, version.EventId, version.ReturnId));
            var rows = await db.Observations.AsNoTracking().Where(o => o.ReturnKey == latest.ReturnKey).ToListAsync();
            Assert.Equal(
                latest.Observations.Select(o => (o.MeasureId, revisionCount, latest.ReturnId, o.Value.ToDecimal())).Order(),
                rows.Select(o => (o.MeasureId, o.Revision, o.ReturnId, o.Value ?? 0)).Order());
        }

        Assert.Equal(returnCount, await db.ReturnVersions.CountAsync());
        Assert.Equal(returnCount * revisionCount, await db.ProcessedEvents.CountAsync());
        var recorded = await db.ProcessedEvents.Select(e => e.EventId).ToListAsync();
        Assert.All(updates, u => Assert.Contains(u.EventId, recorded));

        var byEvent = deliveries.Zip(outcomes).ToLookup(d => d.First.EventId, d => d.Second);
        foreach (var update in updates)
        {
            // Applied (or found stale) by one delivery, acknowledged as a duplicate by the other.
            var settled = Assert.Single(byEvent[update.EventId], o => o != DeliveryOutcome.Duplicate);
            Assert.Contains(settled, update.Revision == revisionCount ? [DeliveryOutcome.Processed] : new[] { DeliveryOutcome.Processed, DeliveryOutcome.Stale });
            Assert.Single(byEvent[update.EventId], o => o == DeliveryOutcome.Duplicate);
        }
    }

    /// <summary>A revision of a return whose rows say which revision they came from; their number varies, so a mix of two shows.</summary>
    private static QuarterlyUpdate Revision(string returnKey, int revision)
    {
        var update = Update(revision, revision);
        update.ReturnKey = returnKey;
        update.Observations.Clear();
        update.Observations.AddRange(Enumerable.Range(0, 2 + (revision % 3)).Select(i =>
            new Observation { MeasureId = $"crime.measure_{i}", AreaCode = Bradford, Period = Q3, Value = revision * 100 + i }));
        return update;
    }

    /// <summary>Delivers as a broker does: again while the handler asks for a retry (bounded, so a handler that never settles fails the test).</summary>
    private static async Task<DeliveryOutcome> DeliverUntilSettledAsync(QuarterlyUpdateHandler handler, QuarterlyUpdate update, SemaphoreSlim inFlight)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await inFlight.WaitAsync();
            DeliveryOutcome outcome;
            try
            {
                outcome = await handler.HandleAsync(EventTopics.CrimeMeasures, update, default);
            }
            finally
            {
                inFlight.Release();
            }

            if (outcome != DeliveryOutcome.Retry)
            {
                return outcome;
            }
        }

        throw new InvalidOperationException($"Event {update.EventId} was still asking for a retry after 100 deliveries.");
    }

    /// <summary>
    /// The handler appends a return's rows in bulk (binary COPY, prepared INSERTs) where it used to add
    /// them to the change tracker; the stored rows must be the same, column for column, on both databases.
    /// </summary>
    [Fact]
    public async Task HandleAsync_Observations_StoredAsSaveChangesStoresThem()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        var bulk = EveryKindOfRow($"crime-measures|{Bradford}|bulk");
        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, bulk, default));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var tracked = EveryKindOfRow($"crime-measures|{Bradford}|tracked");
        tracked.ReturnId = bulk.ReturnId;
        Assert.True(QuarterlyUpdateHandler.TryRead(tracked, out var rows, out _));
        db.Observations.AddRange(rows);
        await db.SaveChangesAsync();

        var expected = await StoredRowsAsync(db, tracked.ReturnKey);
        var actual = await StoredRowsAsync(db, bulk.ReturnKey);
        Assert.Equal(bulk.Observations.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    // Every kind of column: no figure, a value, a fraction, trailing zeros, full precision, each enum, text that needs quoting.
    private static QuarterlyUpdate EveryKindOfRow(string returnKey)
    {
        var update = Update(3, 0);
        update.ReturnKey = returnKey;
        update.Observations.Clear();
        update.Observations.AddRange(Enumerable.Range(0, 60).Select(i =>
        {
            var observation = new Observation
            {
                MeasureId = $"crime.m{i:00}",
                AreaCode = Bradford,
                Period = Q3,
                Status = (ObservationStatus)(i % 6),
                Confidentiality = (Confidentiality)(i % 4),
                Note = i % 5 == 0 ? $"it's \"{i}\"; -- not SQL" : "",
                Trend = (Trend)(i % 4),
            };
            switch (i % 3)
            {
                case 1:
                    observation.Value = i * 1.50m + 0.000000001m * (i % 2);
                    break;
                case 2:
                    observation.Fraction = new Fraction { Numerator = i, Denominator = 1_000_000_000_000m + i };
                    break;
            }

            return observation;
        }));
        return update;
    }

    /// <summary>Every column of a return's rows as the database holds them, but the key and the return key.</summary>
    private static async Task<List<string>> StoredRowsAsync(ReportingDbContext db, string returnKey)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM observations WHERE \"ReturnKey\" = @key ORDER BY \"MeasureId\"";
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = returnKey;
        command.Parameters.Add(key);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) is not ("Id" or "ReturnKey"))
                .Select(i => $"{reader.GetName(i)}={reader.GetValue(i)} ({reader.GetFieldType(i).Name})")));
        }

        return rows;
    }

    [Fact]
    public async Task HandleAsync_UnknownContractVersion_IsDropped()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        Assert.Equal(DeliveryOutcome.Drop, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100, contractVersion: 99), default));
        Assert.Null(await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_UnreadablePeriod_IsDropped()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        var update = Update(1, 100);
        update.Observations[0].Period = new Period { StartDate = "2020-10-05", EndDate = "nonsense" };

        Assert.Equal(DeliveryOutcome.Drop, await handler.HandleAsync(EventTopics.CrimeMeasures, update, default));
    }
}

public sealed class QuarterlyUpdateHandlerTestsOnSqlite : QuarterlyUpdateHandlerTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class QuarterlyUpdateHandlerTestsOnPostgres(PostgresFixture postgres) : QuarterlyUpdateHandlerTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
