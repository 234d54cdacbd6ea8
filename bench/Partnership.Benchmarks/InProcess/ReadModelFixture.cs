using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Disclosure;
using Partnership.Reporting.Editions;
using Partnership.Reporting.Plans;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;
using Partnership.Security;
using Partnership.Storage;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// A read model holding a dataset at one scale, built once per process and shared by every benchmark
/// case of that scale (building the national one takes minutes): the SQLite file, the same rows in
/// memory for the plain pass, a plan for the force reported on, and the handler that applies updates.
/// </summary>
public sealed class ReadModelFixture
{
    private static readonly ConcurrentDictionary<(int Scale, int Quarters), Lazy<ReadModelFixture>> Built = new();

    private readonly ServiceProvider _services;
    private int _revision;
    private IReadOnlyList<ObservedRow>? _forceRows;

    private static readonly ComparisonKind[] Comparisons = [ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months, ComparisonKind.YearToDate];

    private ReadModelFixture(NationalDataset data, string file, List<ReportObservation> rows)
    {
        Data = data;
        File = file;
        Rows = rows;
        // The middle force and a recent quarter: nothing about the first or last rows is special-cased.
        Force = NationalDataset.ForceCode((data.Forces + 1) / 2);
        Quarter = data.Quarters[^2];
        Areas = data.Geography.DistrictsOf(Force, Quarter.End).Select(d => d.Code).Append(Force).ToHashSet(StringComparer.Ordinal);
        Plans = new DeliveryPlans(data.ForceCodes.Select(force => PlanFor(data, force)), data.Geography, data.Catalogue);
        _services = new ServiceCollection()
            .AddDbContext<ReportingDbContext>(options => options.UseSqlite($"Data Source={file};Pooling=True"))
            .AddSingleton(new DatabaseWriteState<ReportingDbContext>("reporting", TimeProvider.System, NullLogger<DatabaseWriteState<ReportingDbContext>>.Instance))
            .BuildServiceProvider();
        Cache = new ForceFiguresCache(data.Catalogue, Options.Create(new ReportCacheOptions()), NullLogger<ForceFiguresCache>.Instance);
        NoCache = new ForceFiguresCache(data.Catalogue, Options.Create(new ReportCacheOptions { Forces = 0 }), NullLogger<ForceFiguresCache>.Instance);
        Handler = new QuarterlyUpdateHandler(_services.GetRequiredService<IServiceScopeFactory>(), new ReportChangeNotifier(), TimeProvider.System, NullLogger<QuarterlyUpdateHandler>.Instance);
    }

    public NationalDataset Data { get; }

    public string File { get; }

    public List<ReportObservation> Rows { get; }

    public string Force { get; }

    public Period Quarter { get; }

    public IReadOnlySet<string> Areas { get; }

    public DeliveryPlans Plans { get; }

    public QuarterlyUpdateHandler Handler { get; }

    /// <summary>The aggregator's report cache with its default settings, kept across reports as the aggregator keeps it.</summary>
    public ForceFiguresCache Cache { get; }

    /// <summary>The same cache switched off: every report reads and combines all the force's figures.</summary>
    public ForceFiguresCache NoCache { get; }

    public static string Directory { get; set; } = Path.GetTempPath();

    /// <summary>Scopes with the read model's context, as the aggregator's hosted services have them.</summary>
    public IServiceScopeFactory Scopes => _services.GetRequiredService<IServiceScopeFactory>();

    public static ReadModelFixture For(int scale, int quarters) =>
        Built.GetOrAdd((scale, quarters), key => new Lazy<ReadModelFixture>(() => Build(key.Scale, key.Quarters))).Value;

    /// <summary>Deletes the files of every read model built in this process.</summary>
    public static void DeleteAll()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var fixture in Built.Values.Where(l => l.IsValueCreated).Select(l => l.Value))
        {
            fixture._services.Dispose();
            foreach (var file in new[] { fixture.File, fixture.File + "-wal", fixture.File + "-shm" }.Where(System.IO.File.Exists))
            {
                System.IO.File.Delete(file);
            }
        }

        Built.Clear();
    }

    public ReportingDbContext Open() => ReadModelStore.Open(File);

    public Task<CountyRollup> RollupAsync(ReportingDbContext db) =>
        new CountyRollupQuery(db, Cache, Data.Catalogue, Data.Geography, PopulationEstimates.BuiltIn).GetAsync(Force, Quarter, CancellationToken.None);

    /// <summary>
    /// The force's full Delivery Quarterly Report for the quarter, every comparison and the series, as the
    /// public will see it: built from the live figures and disclosure-controlled, as an edition's public
    /// report is made at sign-off (the public view itself reads that stored report).
    /// </summary>
    public Task<DeliveryReport> DeliveryReportAsync(ReportingDbContext db, string? force = null, bool cached = true) =>
        DeliveryReportAsync(db, cached ? Cache : NoCache, force);

    public async Task<DeliveryReport> DeliveryReportAsync(ReportingDbContext db, ForceFiguresCache cache, string? force = null)
    {
        var disclosure = new DeliveryReportDisclosure(new ReadAccess(Data.Geography));
        var caller = new BenchCaller(Data.Geography);
        var report = await Query(db, cache).BuildAsync(force ?? Force, Quarter, Comparisons, includeSeries: true, CancellationToken.None);
        return disclosure.Apply(report, ReportAudience.Public, caller.Current);
    }

    /// <summary>Scopes with the read model's context and the report query over <paramref name="cache"/>, as the aggregator's warm-up has them.</summary>
    public IServiceScopeFactory ScopesFor(ForceFiguresCache cache) =>
        new ServiceCollection()
            .AddDbContext<ReportingDbContext>(options => options.UseSqlite($"Data Source={File};Pooling=True"))
            .AddScoped(services => Query(services.GetRequiredService<ReportingDbContext>(), cache))
            .BuildServiceProvider()
            .GetRequiredService<IServiceScopeFactory>();

    private DeliveryReportQuery Query(ReportingDbContext db, ForceFiguresCache cache) => new(
        db, cache, Plans, new DeliveryReportBuilder(Data.Catalogue, Data.Geography), Data.Geography, new DeliveryReportDisclosure(new ReadAccess(Data.Geography)),
        new ReadAuditLog(db, TimeProvider.System, new Microsoft.AspNetCore.Http.HttpContextAccessor()), new BenchCaller(Data.Geography), new PublishedEditions(db, TimeProvider.System), new NationalFigureStore(db, TimeProvider.System),
        SeriesBreaks.Load(Data.Catalogue, null));

    /// <summary>The same report built from the force's rows already in memory: the builder alone, without the read.</summary>
    public DeliveryReport BuildDeliveryReport()
    {
        Plans.TryGet(Force, out var plan);
        return new DeliveryReportBuilder(Data.Catalogue, Data.Geography).Build(plan, Quarter, Comparisons, ForceRows, includeSeries: true);
    }

    /// <summary>The force's rows as the report query reads them (every window of every area of the force).</summary>
    public IReadOnlyList<ObservedRow> ForceRows => _forceRows ??= [.. Rows
        .Where(r => Areas.Contains(r.AreaCode))
        .Select(r => new ObservedRow(r.MeasureId, PeriodKeys.Parse(r.PeriodKey),
            new SourcedFigure(r.AreaCode, r.Figure, r.Status, r.Confidentiality, r.Revision, r.ReturnId, r.Trend, r.Note)))];

    /// <summary>
    /// The next revision of one district's quarterly return (every district measure of one service):
    /// what the aggregator receives when a partner corrects a return. Revisions keep the store's size.
    /// </summary>
    public QuarterlyUpdate NextUpdate()
    {
        var revision = Interlocked.Increment(ref _revision) + 1;
        var district = Areas.First(a => a != Force);
        const string service = "crime";
        var key = ReadModelStore.ReturnKey(service, district, Quarter);
        var update = new QuarterlyUpdate
        {
            EventId = Guid.NewGuid().ToString(),
            ContractVersion = EventTopics.QuarterlyUpdateContractVersion,
            SourceService = service,
            SubmittedBy = "Benchmark",
            SubmittedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = key,
            Revision = revision,
            AreaCode = district,
            Period = Quarter.ToContract(),
        };
        var random = new Random(revision);
        update.Observations.AddRange(Data.DistrictMeasures(service).Select(m =>
            new Observation(m.Id, district, Quarter, NationalDataset.FigureFor(m, random), ObservationStatus.Final, Confidentiality.Free, "", Trend.None).ToContract()));
        return update;
    }

    /// <summary>A read model already on disk (in another process), without the rows in memory: only what the aggregator holds.</summary>
    public static ReadModelFixture Attach(int scale, int quarters, string file) => new(NationalDataset.Create(scale, quarters), file, []);

    private static ReadModelFixture Build(int scale, int quarters)
    {
        var data = NationalDataset.Create(scale, quarters);
        var (file, rows) = ReadModelStore.BuildAsync(data, Directory, CancellationToken.None).GetAwaiter().GetResult();
        return new ReadModelFixture(data, file, rows);
    }

    /// <summary>A plan listing every measure of the catalogue, one objective per service, as a force's plan lists its measures.</summary>
    private static DeliveryPlan PlanFor(NationalDataset data, string force) =>
        new(force, $"Plan of {force}", "benchmark", [new PlanTheme("all", "Every measure", 1, [.. NationalDataset.Services.Select((service, i) =>
            new PlanObjective(service, $"The {service} measures", i + 1, [.. data.Catalogue.ForService(service).Select((m, j) => new PlanMeasure(m.Id, m.Name, j + 1))]))])]);
}
