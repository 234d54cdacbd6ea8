using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.CrimeMeasures;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
// The pipeline has an ObservationInput of its own, nearer in scope than the contract's.
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>Revisions through the whole exchange: racing submissions, supersession in the rollup, late old events.</summary>
public abstract class RevisionTests
{
    protected abstract TestStore NewStore();

    private const string TotalRecorded = "crime.total_recorded";
    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();

    private static SubmitReturnRequest Return(decimal value)
    {
        var request = new SubmitReturnRequest { AreaCode = Bradford, Period = Q3, SubmittedBy = "Bradford CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = TotalRecorded, Value = value, SourceLine = 2 });
        return request;
    }

    private static async Task<DistrictFigure?> BradfordInRollupAsync(ExchangeHost host)
    {
        var rollup = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q3 });
        return rollup.Measures.SingleOrDefault(m => m.Measure.Id == TotalRecorded)?.Districts.SingleOrDefault(d => d.AreaCode == Bradford);
    }

    [Fact]
    public async Task SubmitReturn_RacingSubmissionsForOneReturn_EndAsRevisionsOneToNWithNoneLost()
    {
        // A racer loses at most once to each other racer, so five fit the pipeline's five attempts exactly.
        // (SQLite serialises writers, so only PostgreSQL really races here.)
        const int racers = 5;
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(1, racers).Select(value => Task.Run(async () =>
        {
            await go.Task;
            return (Value: (decimal)value, Reply: await host.Crime.SubmitReturnAsync(Return(value)));
        })).ToList();

        go.SetResult();
        // Any RpcException (a duplicate key surfaced to the partner) fails the test here.
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, racers), results.Select(r => r.Reply.Revision).Order());
        foreach (var (value, reply) in results)
        {
            // Each revision holds exactly the figures of the call it was given to: no update lost or swapped.
            var stored = await host.Crime.GetReturnAsync(new GetReturnRequest { AreaCode = Bradford, Period = Q3, Revision = reply.Revision });
            Assert.Equal(reply.ReturnId, stored.ReturnId);
            Assert.Equal(value, stored.Observations.Single().Value.ToDecimal());
            Assert.Equal(racers, stored.LatestRevision);
        }

        var last = results.Single(r => r.Reply.Revision == racers);
        var figure = await Eventually.WaitForAsync(() => BradfordInRollupAsync(host), d => d?.Revision == racers, what: $"revision {racers} in the rollup");
        Assert.Equal(last.Value, figure!.Value.ToDecimal());
        Assert.Equal(last.Reply.ReturnId, figure.ReturnId);
    }

    [Fact]
    public async Task SubmitReturn_OldRevisionsEventDeliveredAgainLate_NeverOverwritesTheNewer()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var first = await host.Crime.SubmitReturnAsync(Return(100));
        var second = await host.Crime.SubmitReturnAsync(Return(120));
        var figure = await Eventually.WaitForAsync(() => BradfordInRollupAsync(host), d => d?.Revision == 2, what: "revision 2 in the rollup");
        Assert.Equal(120m, figure!.Value.ToDecimal());
        Assert.Equal(second.ReturnId, figure.ReturnId);

        // Revision 1's own event, as the service published it, arrives again after revision 2 (at-least-once, unordered).
        QuarterlyUpdate firstEvent;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var crime = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
            var stored = await crime.Outbox.SingleAsync(m => m.ReturnId == Guid.Parse(first.ReturnId));
            firstEvent = QuarterlyUpdateCodec.Parse(stored.ContentType, stored.Data);
        }

        // As a duplicate id and as a fresh delivery id of the same old revision: neither may win.
        var handler = host.GetRequiredService<QuarterlyUpdateHandler>();
        Assert.Equal(DeliveryOutcome.Duplicate, await handler.HandleAsync(EventTopics.CrimeMeasures, firstEvent, default));
        var redelivered = firstEvent.Clone();
        redelivered.EventId = Guid.NewGuid().ToString();
        Assert.Equal(DeliveryOutcome.Stale, await handler.HandleAsync(EventTopics.CrimeMeasures, redelivered, default));

        figure = await BradfordInRollupAsync(host);
        Assert.Equal(2, figure!.Revision);
        Assert.Equal(120m, figure.Value.ToDecimal());
    }

    [Fact]
    public async Task SubmitReturn_SecondRevision_ItsOutboxEventNamesThatRevisionInTheCodecsOwnBytes()
    {
        // The event carries the revision the return was stored as, in exactly the bytes the codec writes.
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, NewStore());
        await host.Crime.SubmitReturnAsync(Return(100));
        var request = Return(120);
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "asb.incidents", Value = 7, SourceLine = 3 });
        var second = await host.Crime.SubmitReturnAsync(request);

        await using var scope = host.Services.CreateAsyncScope();
        var crime = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        var returnId = Guid.Parse(second.ReturnId);
        var message = await crime.Outbox.SingleAsync(m => m.ReturnId == returnId);
        var stored = await crime.Returns.SingleAsync(r => r.Id == returnId);
        var update = QuarterlyUpdateCodec.Parse(message.ContentType, message.Data);

        Assert.Equal(2, second.Revision);
        Assert.Equal(2, update.Revision);
        Assert.Equal(second.ReturnId, update.ReturnId);
        Assert.Equal(stored.ReturnKey, update.ReturnKey);
        // PostgreSQL keeps microseconds; the event the full tick.
        Assert.Equal(stored.SubmittedAt.UtcTicks / 10, update.SubmittedAt.ToDateTimeOffset().UtcTicks / 10);
        Assert.Equal(message.Id, Guid.Parse(update.EventId));
        Assert.Equal([TotalRecorded, "asb.incidents"], update.Observations.Select(o => o.MeasureId));
        Assert.Equal(QuarterlyUpdateCodec.Serialize(update), message.Data);
        Assert.Equal(2, (await crime.Audit.SingleAsync(a => a.ReturnId == returnId)).Revision);
    }

    [Fact]
    public async Task GetObservationHistory_AfterResubmissions_KeepsEveryRevisionOldestFirst()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var first = await host.Crime.SubmitReturnAsync(Return(100));
        await host.Crime.SubmitReturnAsync(Return(120));
        // Revision 3 leaves the figure out: the history says so rather than skipping the revision.
        var withoutTotal = new SubmitReturnRequest { AreaCode = Bradford, Period = Q3, SubmittedBy = "Bradford CSP" };
        withoutTotal.Observations.Add(new Proto.ObservationInput { MeasureId = "asb.incidents", Value = 7, SourceLine = 2 });
        await host.Crime.SubmitReturnAsync(withoutTotal);
        var status = new ReturnStatus.ReturnStatusClient(host.Channel);

        var history = await status.GetObservationHistoryAsync(new GetObservationHistoryRequest { MeasureId = TotalRecorded, AreaCode = Bradford, Period = Q3 });

        Assert.Equal([1, 2, 3], history.Revisions.Select(r => r.Revision));
        Assert.Equal([100m, 120m], history.Revisions.Take(2).Select(r => r.Observation.Value.ToDecimal()));
        Assert.Null(history.Revisions[2].Observation);
        Assert.All(history.Revisions, r => Assert.Equal(3, r.LatestRevision));
        Assert.Equal(first.ReturnId, history.Revisions[0].ReturnId);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => status.GetObservationHistoryAsync(
            new GetObservationHistoryRequest { MeasureId = "crime.made_up", AreaCode = Bradford, Period = Q3 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
    }
}

public sealed class RevisionTestsOnSqlite : RevisionTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class RevisionTestsOnPostgres(PostgresFixture postgres) : RevisionTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
