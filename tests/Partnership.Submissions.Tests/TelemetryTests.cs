using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;
// The pipeline has an ObservationInput of its own, nearer in scope than the contract's.
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>One submission is one trace, and the metrics move, seen through OpenTelemetry's in-memory exporter.</summary>
public class TelemetryTests
{
    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();

    [Fact]
    public async Task SubmitReturn_ThroughOutboxToAggregator_IsOneTrace()
    {
        var spans = new List<Activity>();
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, TestStore.Sqlite(), builder =>
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));

        var request = new SubmitReturnRequest { AreaCode = Areas.Bradford, Period = Q3, SubmittedBy = "Bradford CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = 1234 });
        var accepted = await host.Crime.SubmitReturnAsync(request);

        // Activity listeners are process-wide and other tests run beside this one: follow this return's trace.
        var submit = await Eventually.WaitForAsync(
            () => Task.FromResult(Snapshot(spans).SingleOrDefault(s => s.DisplayName == "submit return" && Equals(s.GetTagItem("partnership.return_id"), accepted.ReturnId))),
            span => span is not null,
            what: "the submission's span");
        // The dispatch ends after the aggregator's span inside it: wait for both to be exported.
        var trace = await Eventually.WaitForAsync(
            () => Task.FromResult(Snapshot(spans).Where(s => s!.TraceId == submit!.TraceId).ToList()),
            all => all.Any(s => s.DisplayName == "apply quarterly update") && all.Any(s => s.DisplayName == "outbox publish"),
            what: "the dispatch and the aggregator's spans in the same trace");
        var applied = trace.Single(s => s.DisplayName == "apply quarterly update");
        Assert.Single(trace, s => s.DisplayName == "outbox publish");
        Assert.Single(trace, s => s.DisplayName == "store return");
        Assert.Equal(Areas.Bradford, submit!.GetTagItem("partnership.area"));
        Assert.Equal(accepted.ReturnId, submit.GetTagItem("partnership.return_id"));
        Assert.Equal(accepted.ReturnId, applied.GetTagItem("partnership.return_id"));
    }

    [Fact]
    public async Task SubmitAndReport_MetricsMove()
    {
        var metrics = new List<Metric>();
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, TestStore.Sqlite(), builder =>
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(metrics)));
        var request = new SubmitReturnRequest { AreaCode = Areas.Bradford, Period = Q3, SubmittedBy = "Bradford CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = 1234 });
        await host.Crime.SubmitReturnAsync(request);
        var bad = new SubmitReturnRequest { AreaCode = Areas.Bradford, Period = Q3 };
        bad.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.nope", Value = 1 });
        await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(bad).ResponseAsync);
        await Eventually.WaitForAsync(
            () => host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = Areas.WestYorkshire, Period = Q3 }).ResponseAsync,
            r => r.Measures.Any(m => m.Measure.Id == "crime.total_recorded"),
            what: "the return in the rollup");

        var provider = host.Services.GetRequiredService<MeterProvider>();
        provider.ForceFlush();

        var names = metrics.Select(m => m.Name).ToHashSet();
        Assert.Contains("partnership.returns.accepted", names);
        Assert.Contains("partnership.returns.rejected", names);
        Assert.Contains("partnership.observations.stored", names);
        Assert.Contains("partnership.outbox.published", names);
        Assert.Contains("partnership.events.handled", names);
        Assert.Contains("partnership.rollup.duration", names);
    }

    // The exporter appends from whichever thread ends a span; copying while it appends can throw, and
    // Eventually retries a probe that throws.
    private static List<Activity> Snapshot(List<Activity> spans) => [.. spans];
}
