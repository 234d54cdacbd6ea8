using Google.Protobuf.WellKnownTypes;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.IntegrationTests;

public abstract class QuarterlyUpdateHandlerTests
{
    protected abstract TestStore NewStore();

    private const string Bradford = "E08000032";
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
        var rollup = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = "E11000006", Period = Q3 });
        return rollup.Measures.SingleOrDefault()?.CountyValue?.ToDecimal();
    }

    [Fact]
    public async Task HandleAsync_SameEventTwice_SecondIsDuplicateAndChangesNothing()
    {
        await using var host = await ExchangeHost.StartAsync(NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        var update = Update(1, 100);

        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, update, default));
        Assert.Equal(DeliveryOutcome.Duplicate, await handler.HandleAsync(EventTopics.CrimeMeasures, update, default));

        Assert.Equal(100m, await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_OlderRevisionArrivesLate_IsIgnored()
    {
        await using var host = await ExchangeHost.StartAsync(NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(2, 120), default));
        Assert.Equal(DeliveryOutcome.Stale, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100), default));

        Assert.Equal(120m, await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_NewerRevision_ReplacesOlderFigures()
    {
        await using var host = await ExchangeHost.StartAsync(NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100), default);
        await handler.HandleAsync(EventTopics.CrimeMeasures, Update(2, 120), default);

        Assert.Equal(120m, await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_UnknownContractVersion_IsDropped()
    {
        await using var host = await ExchangeHost.StartAsync(NewStore());
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();

        Assert.Equal(DeliveryOutcome.Drop, await handler.HandleAsync(EventTopics.CrimeMeasures, Update(1, 100, contractVersion: 99), default));
        Assert.Null(await CountyValueAsync(host));
    }

    [Fact]
    public async Task HandleAsync_UnreadablePeriod_IsDropped()
    {
        await using var host = await ExchangeHost.StartAsync(NewStore());
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
