using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
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
/// one in-process host on the embedded bus and SQLite, talking gRPC through the test server): a
/// district return of 44 observations (11 measures for the quarter and its three months) submitted
/// one at a time, against a gRPC health check on the same host, alternated so both see the same noise.
/// Freshness is from sending the return to the read model holding it (a report asked then reflects it).
/// </summary>
public sealed class LatencyBenchmark(string directory)
{
    /// <summary>The district whose return both freshness benchmarks submit.</summary>
    public const string Bradford = Areas.Bradford;

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int warmups, int calls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Storage:Provider"] = "sqlite";
        builder.Configuration["Storage:DataDirectory"] = Path.Combine(directory, "latency");
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.Configuration["Auth:DevelopmentIssuer:Enabled"] = "true";
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        builder.AddReporting();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        app.MapReporting();
        await app.StartAsync(cancellationToken);

        using var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Csp("Bradford CSP", Bradford), app.GetTestServer().CreateHandler()) });
        var crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(channel);
        var health = new Health.HealthClient(channel);
        var notifier = app.Services.GetRequiredService<ReportChangeNotifier>();
        var request = DistrictReturn();

        using var spans = new ActivityTimes();
        var submit = new List<double>();
        var noop = new List<double>();
        var fresh = new List<double>();
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
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await crime.SubmitReturnAsync(request, cancellationToken: cancellationToken);
            var submitted = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            await reflected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var reached = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            notifier.AreaChanged -= OnChanged;

            start = System.Diagnostics.Stopwatch.GetTimestamp();
            await health.CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken);
            var checkedHealth = System.Diagnostics.Stopwatch.GetElapsedTime(start);

            if (i == warmups - 1)
            {
                spans.Reset();
            }

            if (i >= warmups)
            {
                submit.Add(submitted.TotalMilliseconds);
                fresh.Add(reached.TotalMilliseconds);
                noop.Add(checkedHealth.TotalMilliseconds);
            }
        }

        var breakdown = spans.Summary();
        await app.StopAsync(cancellationToken);
        var submitSample = new Sample(submit);
        var noopSample = new Sample(noop);
        var freshSample = new Sample(fresh);
        var name = $"Single return via gRPC, 44 observations ({calls} calls)";
        return
        [
            new BenchmarkResult(name, $"p50 {submitSample.Median:0.00} ms, p99 {submitSample.Percentile(99):0.00} ms",
                $"health check p50 {noopSample.Median:0.00} ms, p99 {noopSample.Percentile(99):0.00} ms",
                submitSample.Percentile(99) / noopSample.Percentile(99), "p99 <= 10x the no-op p99", submitSample.Percentile(99) <= 10 * noopSample.Percentile(99), breakdown),
            new BenchmarkResult("Freshness on the embedded bus (submit sent -> read model holds it)", $"p50 {freshSample.Median:0.00} ms, p99 {freshSample.Percentile(99):0.00} ms",
                $"submit p99 {submitSample.Percentile(99):0.00} ms", freshSample.Percentile(99) / submitSample.Percentile(99), "p99 <= 50 ms", freshSample.Percentile(99) <= 50),
        ];
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
