using System.Diagnostics;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.CrimeMeasures;
using Partnership.Reporting;
using Partnership.Reporting.ReadModel;
using Partnership.ServiceDefaults;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Benchmarks;

/// <summary>
/// Single-return latency and freshness on the composed exchange (crime measures and the aggregator in
/// one in-process host on the embedded bus, talking gRPC through the test server), on SQLite and on
/// PostgreSQL: a district return of 44 observations (11 measures for the quarter and its three months)
/// submitted one at a time. Each call is measured beside two baselines taken in turn with it, so all
/// three see the same noise: a unary gRPC call that does nothing (<see cref="NoopService"/>) on the
/// same host and channel, and the raw durable commit of the same rows (<see cref="RawDurableCommit"/>)
/// on the same database. Freshness is from sending the return to the read model holding it.
/// The raw commit is taken twice per call: in turn, right after the return reached the read model,
/// when the service's outbox dispatcher is marking the return's event published in the same database
/// (the moment the pipeline's own next write would meet); and quiescent, once that is done and the
/// host has settled, which is the commit alone. Each is split into taking the write lock, the
/// inserts and the commit, to say which one the difference is in.
/// </summary>
public sealed class LatencyBenchmark(string directory)
{
    /// <summary>The district whose return both freshness benchmarks submit.</summary>
    public const string Bradford = Areas.Bradford;

    /// <summary>Untimed calls on each database before the timed ones.</summary>
    public const int Warmups = 200;

    private const string StoreSpan = "store return";

    /// <summary>The spans between the submission's commit and the read model holding the return.</summary>
    private static readonly string[] AfterCommitSpans = ["outbox publish", "apply quarterly update"];

    /// <summary>
    /// How long the host is left alone after the outbox is drained before the quiescent commit: the
    /// dispatcher still reads the outbox once more and records its backlog, reads that take no lock
    /// but would share the two cores.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(20);

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int warmups, int calls, CancellationToken cancellationToken)
    {
        var results = new List<BenchmarkResult>();
        results.AddRange(await RunOnAsync("SQLite", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = Path.Combine(directory, "latency"),
        }, warmups, calls, cancellationToken));
        await using var postgres = await PostgresServer.StartAsync();
        results.AddRange(await RunOnAsync("PostgreSQL", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = postgres.ConnectionString("postgres"),
        }, warmups, calls, cancellationToken));
        return results;
    }

    private static async Task<IReadOnlyList<BenchmarkResult>> RunOnAsync(string store, Dictionary<string, string?> storage, int warmups, int calls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(storage);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.Configuration["Auth:DevelopmentIssuer:Enabled"] = "true";
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        builder.AddReporting();
        builder.Services.AddSingleton<NoopService>();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        app.MapReporting();
        app.MapGrpcService<NoopService>().AllowAnonymous();
        await app.StartAsync(cancellationToken);

        using var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Csp("Bradford CSP", Bradford), app.GetTestServer().CreateHandler()) });
        var crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(channel);
        var invoker = channel.CreateCallInvoker();
        var notifier = app.Services.GetRequiredService<ReportChangeNotifier>();
        using var scope = app.Services.CreateScope();
        await using var raw = await RawDurableCommit.OpenAsync(scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>(), cancellationToken);
        var request = DistrictReturn();

        using var spans = new ActivityTimes();
        var submit = new List<double>();
        var noop = new List<double>();
        var commit = new List<double>();
        var quiet = new List<double>();
        var commitPhases = new List<CommitPhases>();
        var quietPhases = new List<CommitPhases>();
        var fresh = new List<double>();
        var afterSubmit = new List<double>();
        for (var i = 0; i < warmups + calls; i++)
        {
            var reflected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(string area)
            {
                if (area == Bradford)
                {
                    reflected.TrySetResult();
                }
            }

            notifier.AreaChanged += OnChanged;
            var start = Stopwatch.GetTimestamp();
            await crime.SubmitReturnAsync(request, cancellationToken: cancellationToken);
            var submitted = Stopwatch.GetElapsedTime(start);
            await reflected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var reached = Stopwatch.GetElapsedTime(start);
            notifier.AreaChanged -= OnChanged;

            start = Stopwatch.GetTimestamp();
            await NoopService.CallAsync(invoker, cancellationToken);
            var called = Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            var phases = await raw.CommitAsync(request.Observations.Count, cancellationToken);
            var committed = Stopwatch.GetElapsedTime(start);

            await QuiesceAsync(raw, cancellationToken);
            start = Stopwatch.GetTimestamp();
            var quietPhase = await raw.CommitAsync(request.Observations.Count, cancellationToken);
            var quietCommitted = Stopwatch.GetElapsedTime(start);

            if (i == warmups - 1)
            {
                spans.Reset();
            }

            if (i >= warmups)
            {
                submit.Add(submitted.TotalMilliseconds);
                fresh.Add(reached.TotalMilliseconds);
                afterSubmit.Add((reached - submitted).TotalMilliseconds);
                noop.Add(called.TotalMilliseconds);
                commit.Add(committed.TotalMilliseconds);
                quiet.Add(quietCommitted.TotalMilliseconds);
                commitPhases.Add(phases);
                quietPhases.Add(quietPhase);
            }
        }

        var breakdown = spans.Summary();
        var afterCommit = spans.Distribution(AfterCommitSpans);
        var storeMean = spans.Mean(StoreSpan);
        await app.StopAsync(cancellationToken);
        var submitSample = new Sample(submit);
        var noopSample = new Sample(noop);
        var commitSample = new Sample(commit);
        var freshSample = new Sample(fresh);
        var afterSubmitSample = new Sample(afterSubmit);
        var quietSample = new Sample(quiet);
        // The targets are against the quiescent commit: the return is submitted on a quiescent host
        // too (after it), so that is the write it meets. The in-turn commit's ratio is printed beside.
        var floor50 = quietSample.Median + noopSample.Median;
        var floor99 = quietSample.Percentile(99) + noopSample.Percentile(99);
        var inTurn50 = submitSample.Median / (commitSample.Median + noopSample.Median);
        var inTurn99 = submitSample.Percentile(99) / (commitSample.Percentile(99) + noopSample.Percentile(99));
        var baselines = $"raw durable commit, quiescent, p50 {quietSample.Median:0.00} ms, p99 {quietSample.Percentile(99):0.00} ms; no-op gRPC p50 {noopSample.Median:0.000} ms, p99 {noopSample.Percentile(99):0.000} ms";
        return
        [
            new BenchmarkResult($"{store}: single return via gRPC, p50 (44 observations, {calls} calls)", $"p50 {submitSample.Median:0.00} ms",
                $"{baselines} (against the in-turn commit: {inTurn50:0.00}x)", submitSample.Median / floor50, "<= 3x (commit + no-op) p50", submitSample.Median <= 3 * floor50, breakdown),
            new BenchmarkResult($"{store}: single return via gRPC, p99", $"p99 {submitSample.Percentile(99):0.00} ms",
                $"{baselines} (against the in-turn commit: {inTurn99:0.00}x)", submitSample.Percentile(99) / floor99, "<= 3x (commit + no-op) p99", submitSample.Percentile(99) <= 3 * floor99),
            new BenchmarkResult($"{store}: the \"{StoreSpan}\" span (mean)", $"{storeMean:0.00} ms",
                $"raw durable commit, quiescent, mean {quietSample.Mean:0.00} ms (in turn {commitSample.Mean:0.00} ms: {storeMean / commitSample.Mean:0.00}x)", storeMean / quietSample.Mean, "<= 2x the raw commit", storeMean <= 2 * quietSample.Mean),
            new BenchmarkResult($"{store}: freshness on the embedded bus (submit sent -> read model holds it)", $"p50 {freshSample.Median:0.00} ms, p99 {freshSample.Percentile(99):0.00} ms",
                $"single return p99 {submitSample.Percentile(99):0.00} ms", freshSample.Percentile(99) / submitSample.Percentile(99), "p99 <= 2x the single return's p99", freshSample.Percentile(99) <= 2 * submitSample.Percentile(99),
                $"after the submit returned p50 {afterSubmitSample.Median:0.00} / p99 {afterSubmitSample.Percentile(99):0.00} ms; {afterCommit}"),
            new BenchmarkResult($"{store}: raw durable commit in turn (right after the return reached the read model)", $"p50 {commitSample.Median:0.00} ms, p99 {commitSample.Percentile(99):0.00} ms",
                $"the same commit on a quiescent host: p50 {quietSample.Median:0.00} ms, p99 {quietSample.Percentile(99):0.00} ms", commitSample.Median / quietSample.Median, "none (reported: p50 in turn / quiescent)", true,
                $"in turn {Phases(commitPhases)}; quiescent {Phases(quietPhases)}"),
        ];
    }

    /// <summary>
    /// Waits until the outbox dispatcher has marked every due event published (its write has
    /// committed), then leaves the host alone for <see cref="Settle"/>.
    /// </summary>
    private static async Task QuiesceAsync(RawDurableCommit raw, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(30 * Stopwatch.Frequency);
        while (!await raw.OutboxDrainedAsync(cancellationToken))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The outbox was not drained within 30 s.");
            }

            await Task.Delay(1, cancellationToken);
        }

        await Task.Delay(Settle, cancellationToken);
    }

    /// <summary>The median of each step of the raw commits: where the in-turn commit's extra time is.</summary>
    private static string Phases(List<CommitPhases> phases)
    {
        var begin = new Sample(phases.Select(p => p.Begin));
        return $"write lock p25/p50/p75/p90 {begin.Percentile(25):0.000}/{begin.Median:0.000}/{begin.Percentile(75):0.000}/{begin.Percentile(90):0.000} ms (mean {begin.Mean:0.000}), " +
            $"inserts p50 {new Sample(phases.Select(p => p.Insert)).Median:0.000} ms, commit p50 {new Sample(phases.Select(p => p.Commit)).Median:0.000} ms";
    }

    /// <summary>Bradford's crime return for a quarter: each monthly count measure for the three months and the quarter (44 observations).</summary>
    public static SubmitReturnRequest DistrictReturn()
    {
        var quarter = DomainPeriod.Parse("FY2024/25-Q3");
        var request = new SubmitReturnRequest { AreaCode = Bradford, Period = quarter.ToContract(), SubmittedBy = "Bradford CSP" };
        var catalogue = Domain.MeasureCatalogue.Load();
        var months = Enumerable.Range(0, 3).Select(m => DomainPeriod.Months(quarter.Start.AddMonths(m), quarter.Start.AddMonths(m))).ToList();
        var line = 2;
        foreach (var measure in catalogue.ForService(CrimeMeasures.Extensions.Identity.Name).Where(m => m.AllowsCadence(Domain.PeriodKind.Month) && m.Kind == Domain.FigureKind.Count))
        {
            var total = 0m;
            foreach (var month in months)
            {
                var value = 100 + line;
                total += value;
                request.Observations.Add(new ObservationInput { MeasureId = measure.Id, Period = month.ToContract(), Value = value, SourceLine = line++ });
            }

            request.Observations.Add(new ObservationInput { MeasureId = measure.Id, Value = total, SourceLine = line++ });
        }

        return request;
    }
}
