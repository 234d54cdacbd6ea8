using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;
using Partnership.ServiceDefaults;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// Issue 22, item 3: the aggregator reads forces' figures into the report cache as it starts and is
/// not ready until they are in; a revision applied after the warm-up is still in the next report.
/// </summary>
public abstract class ReportCacheWarmUpTests
{
    private static readonly Geography Geography = Geography.Load();
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly Period Quarter = Period.FinancialQuarter(2024, 3);

    private static readonly MeasureDefinition Measure = Catalogue.All.First(m =>
        m.Service == "crime-measures" && m.Level == SubmissionLevel.District && m.Kind == FigureKind.Count && m.AllowsCadence(PeriodKind.Quarter) && !m.IsDerived);

    protected abstract TestStore NewStore();

    [Fact]
    public async Task WarmAsync_RevisionAppliedAfterWarmUp_ReadyAndReportHasTheRevision()
    {
        await using var model = await TestReadModel.StartAsync(NewStore(), "reporting-warm");
        var (services, handler) = (model.Services, model.Handler);
        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync("crime", Update(1, 100), CancellationToken.None));

        // Another force is the most read, so West Yorkshire's figures are kept only as compact rows.
        var reads = new CacheReads();
        var mostRead = Geography.Areas.First(a => a.Type == AreaType.Force && a.Code != WestYorkshire).Code;
        var options = Options.Create(new ReportCacheOptions { Forces = 1, WarmForces = [mostRead] });
        var cache = new ForceFiguresCache(Catalogue, options, reads);
        var warmth = new ReportCacheWarmth();
        var warmUp = new ReportCacheWarmUp(services.GetRequiredService<IServiceScopeFactory>(), cache, Geography, warmth, options, NullLogger<ReportCacheWarmUp>.Instance);

        var before = await warmth.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, "warming the report cache: not started"), (before.Status, before.Description));

        await warmUp.WarmAsync(CancellationToken.None);
        var after = await warmth.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Matches($"^report cache warm for {Forces} forces in [0-9]+ ms$", after.Description);
        Assert.Equal([$"Report cache of {WestYorkshire} kept as 1 compact rows"], reads.Of(WestYorkshire));
        Assert.True(cache.HoldsFigures(mostRead));
        Assert.False(cache.HoldsFigures(WestYorkshire));

        // The revision lands after the warm-up: the report makes the figures from the compact rows, reads
        // that one return again, not everything, and shows it, as a report without the cache does.
        Assert.Equal(DeliveryOutcome.Processed, await handler.HandleAsync("crime", Update(2, 250), CancellationToken.None));
        var uncached = new ForceFiguresCache(Catalogue, Options.Create(new ReportCacheOptions { Forces = 0 }), NullLogger<ForceFiguresCache>.Instance);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var areas = DeliveryReportQuery.AreasOf(Geography, WestYorkshire);
            var figures = await cache.GetAsync(db, WestYorkshire, areas, CancellationToken.None);
            var figure = figures.For(Measure.Id)[Leeds].For(Quarter)!.Figure;
            Assert.Equal((250m, 2), (figure.Figure.Value, figure.Revision));
            Assert.Equal(Cells(await uncached.GetAsync(db, WestYorkshire, areas, CancellationToken.None)), Cells(figures));
        }

        Assert.Equal(
            [$"Report cache of {WestYorkshire} kept as 1 compact rows", $"Report cache of {WestYorkshire}: 1 changed returns read again"],
            reads.Of(WestYorkshire));
    }

    [Fact]
    public async Task WarmAsync_BuildsAReport_OnlyAReadersReportIsCounted()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Reporting, new ExchangeOptions { Store = NewStore() });
        Assert.Equal(DeliveryOutcome.Processed, await host.GetRequiredService<QuarterlyUpdateHandler>().HandleAsync("crime", Update(1, 100), CancellationToken.None));
        using var reports = new ReportsTimed();

        // West Yorkshire keeps its figures, so the warm-up builds its report for the quarter it holds.
        var options = Options.Create(new ReportCacheOptions { Forces = 1, WarmForces = [WestYorkshire] });
        var warmLog = new WarmUpLog();
        await new ReportCacheWarmUp(host.GetRequiredService<IServiceScopeFactory>(), host.GetRequiredService<ForceFiguresCache>(), Geography, new ReportCacheWarmth(), options, warmLog)
            .WarmAsync(CancellationToken.None);
        Assert.Empty(warmLog.Messages);
        Assert.Empty(reports.Kinds);

        await host.InScopeAsync(services => services.GetRequiredService<DeliveryReportQuery>().BuildAsync(WestYorkshire, Quarter, [ComparisonKind.PreviousYear], includeSeries: false, CancellationToken.None));
        Assert.Equal(["delivery_report"], reports.Kinds);
    }

    private static int Forces => Geography.Areas.Count(a => a.Type == AreaType.Force);

    /// <summary>Every figure held, with its sources, as text to compare.</summary>
    private static List<string> Cells(ForceFigures figures) =>
        [.. figures.Rows().Select(r => r.ToString()), .. figures.Windows().Select(w => w.Key)];

    private static QuarterlyUpdate Update(int revision, decimal value)
    {
        var update = new QuarterlyUpdate
        {
            EventId = Guid.NewGuid().ToString(),
            ContractVersion = EventTopics.QuarterlyUpdateContractVersion,
            SourceService = "crime",
            SubmittedBy = "Test",
            SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = $"crime|{Leeds}|{Quarter.Key}",
            Revision = revision,
            AreaCode = Leeds,
            Period = Quarter.ToContract(),
        };
        update.Observations.Add(new Observation(Measure.Id, Leeds, Quarter, Figure.OfValue(value), ObservationStatus.Final, Confidentiality.Free, "", Trend.None).ToContract());
        return update;
    }
}

/// <summary>
/// The kinds of report timed by the report metric (<c>partnership.rollup.duration</c>) within the test
/// that makes it: other tests build reports at the same time, so only measurements under this trace count.
/// </summary>
internal sealed class ReportsTimed : IDisposable
{
    private readonly Activity _test = new Activity("report metric test").Start();
    private readonly ActivityListener _spans = new()
    {
        ShouldListenTo = source => source.Name == Telemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    };

    private readonly MeterListener _metrics = new();
    private readonly List<string> _kinds = [];

    public ReportsTimed()
    {
        ActivitySource.AddActivityListener(_spans);
        _metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "partnership.rollup.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _metrics.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            // Recorded as the report's own span ends: its trace says whose report it was.
            if (Activity.Current?.TraceId == _test.TraceId)
            {
                var kind = tags.ToArray().Single(t => t.Key == "kind").Value as string ?? "";
                lock (_kinds)
                {
                    _kinds.Add(kind);
                }
            }
        });
        _metrics.Start();
    }

    public List<string> Kinds
    {
        get
        {
            lock (_kinds)
            {
                return [.. _kinds];
            }
        }
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _spans.Dispose();
        _test.Stop();
    }
}

/// <summary>What the warm-up logged, to see it built its reports without failing.</summary>
internal sealed class WarmUpLog : ILogger<ReportCacheWarmUp>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            lock (Messages)
            {
                Messages.Add(formatter(state, exception) + exception);
            }
        }
    }
}

public sealed class ReportCacheWarmUpTestsOnSqlite : ReportCacheWarmUpTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();

    [Fact]
    public async Task Start_WarmUpUnderWay_NotReadyButLiveThenReady()
    {
        var gate = new ReadGate();
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Reporting, new ExchangeOptions
        {
            WaitForReportCache = false,
            Configure = builder => builder.Services.ConfigureDbContext<ReportingDbContext>(options => options.AddInterceptors(gate)),
        });
        using var http = host.CreateHttpClient();
        var forces = Geography.Load().Areas.Count(a => a.Type == AreaType.Force);

        // The warm-up is reading its first force, held at the gate.
        await gate.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal($"Unhealthy\nreport-cache: Unhealthy: warming the report cache: 0 of {forces} forces read\n", await notReady.Content.ReadAsStringAsync());
        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));

        gate.Open();
        var ready = await Eventually.WaitForAsync(
            async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))) is var response && response.StatusCode == HttpStatusCode.OK
                ? await response.Content.ReadAsStringAsync()
                : null,
            body => body is not null,
            what: "/readyz healthy once the report cache is warm");
        Assert.Equal("Healthy\n", ready);
        var warm = await host.GetRequiredService<ReportCacheWarmth>().CheckHealthAsync(new HealthCheckContext());
        Assert.Matches($"^report cache warm for {forces} forces in [0-9]+ ms$", warm.Description);
    }

    /// <summary>Holds every read of the return versions until the test opens it: the warm-up's first query.</summary>
    private sealed class ReadGate : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Open() => _open.TrySetResult();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"return_versions\"", StringComparison.Ordinal))
            {
                _reached.TrySetResult();
                await _open.Task.WaitAsync(cancellationToken);
            }

            return result;
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ReportCacheWarmUpTestsOnPostgres(PostgresFixture postgres) : ReportCacheWarmUpTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
