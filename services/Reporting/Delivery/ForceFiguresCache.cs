using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

public sealed class ReportCacheOptions
{
    /// <summary>
    /// How many forces' figures are kept in memory between reports (about 50 MB each at national scale;
    /// the least recently reported go first, to compact rows of a few MB). Three keeps a national
    /// aggregator, every force's compact rows included, within 1 GiB; a county aggregator has one force.
    /// 0 turns the cache off.
    /// </summary>
    public int Forces { get; set; } = 3;

    /// <summary>Above this many changed returns since the last report, a force's figures are read again whole rather than patched.</summary>
    public int MaxChangedReturns { get; set; } = 500;

    /// <summary>
    /// How many forces' figures may be read whole or made again from their compact rows at the same time,
    /// and how many Delivery reports built at once. Each holds a force's whole figures (about 50 MB at
    /// national scale), so reports of many forces at once (publication day) would otherwise multiply the
    /// peak. One by default, so the peak does not grow with the machine's processors (two at once on
    /// two cores put publication day over 1 GiB); more than the processors gains nothing. 0: the
    /// processor count.
    /// </summary>
    public int ConcurrentBuilds { get; set; } = 1;

    /// <summary>Whether every force's figures are read into the cache as the aggregator starts (<see cref="ReportCacheWarmUp"/>); readiness waits for it.</summary>
    public bool WarmAtStart { get; set; } = true;

    /// <summary>The forces whose figures the warm-up leaves in memory (a national aggregator's most read); every other force is left as compact rows.</summary>
    public IReadOnlyList<string> WarmForces { get; set; } = [];
}

/// <summary>
/// Keeps each force's figures in memory between reports, so a report does not read and combine every
/// figure the force has ever had (50,000 rows for a county, most of the report's time). It is never
/// trusted blindly: every report first reads which revision of each of the force's returns the read
/// model holds (one small indexed query), and reads again only the returns that changed since, so a
/// report always reflects everything applied before it started, whichever aggregator instance applied
/// it. Every observation of a return is for the return's own area (the submission contract has no
/// other), so the returns of the force's areas are exactly the returns behind its figures.
/// </summary>
/// <remarks>
/// Only the <see cref="ReportCacheOptions.Forces"/> most recently reported forces keep their figures
/// (about 50 MB each at national scale); a force that drops out keeps its rows in a compact form
/// (<see cref="CompactForceRows"/>, a few MB) with the revisions they hold, so its next report makes its
/// figures from memory rather than reading the database, then checks them against the return versions
/// like any other.
/// </remarks>
public sealed partial class ForceFiguresCache(MeasureCatalogue catalogue, IOptions<ReportCacheOptions> options, ILogger<ForceFiguresCache> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _builds = new(options.Value.ConcurrentBuilds > 0 ? options.Value.ConcurrentBuilds : Environment.ProcessorCount);
    private readonly SemaphoreSlim _reports = new(options.Value.ConcurrentBuilds > 0 ? options.Value.ConcurrentBuilds : Environment.ProcessorCount);
    private long _clock;

    public async Task<ForceFigures> GetAsync(ReportingDbContext db, string forceCode, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        if (options.Value.Forces <= 0)
        {
            return ForceFigures.From(catalogue, (await ReadForceRowsAsync(db, areas, cancellationToken)).Select(r => r.Row));
        }

        var entry = EntryFor(forceCode);
        ForceFigures figures;
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            await RefreshAsync(db, entry, areas, cancellationToken);
            figures = entry.Figures!;
        }
        finally
        {
            entry.Gate.Release();
        }

        await CompactLeastRecentAsync(cancellationToken);
        return figures;
    }

    /// <summary>
    /// Reads a force's rows as compact rows only, without making its figures: how the warm-up fills the
    /// cache for forces beyond those whose figures it keeps. A force already held is left as it is.
    /// </summary>
    public async Task WarmCompactAsync(ReportingDbContext db, string forceCode, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        var entry = EntryFor(forceCode);
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Figures is not null || entry.Compact is not null)
            {
                return;
            }

            var versions = await ReadVersionsAsync(db, areas, cancellationToken);
            await _builds.WaitAsync(cancellationToken);
            try
            {
                var rows = await ReadForceRowsAsync(db, areas, cancellationToken);
                (entry.Compact, entry.Returns) = (CompactForceRows.Of(rows.ConvertAll(r => r.Row)), Held(rows, versions));
            }
            finally
            {
                _builds.Release();
            }

            LogCompacted(entry.Force, entry.Compact.Count);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Waits for one of the few places in which a report may be built, for the caller to release: a
    /// report holds its force's figures until it is done, even after the cache has let them go, so
    /// reports of many forces at once would otherwise hold as many forces' figures at once.
    /// </summary>
    public async Task<IDisposable> ReportSlotAsync(CancellationToken cancellationToken)
    {
        await _reports.WaitAsync(cancellationToken);
        return new Slot(_reports);
    }

    /// <summary>Whether the force's figures (not only its compact rows) are in memory.</summary>
    public bool HoldsFigures(string forceCode)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(forceCode, out var entry) && entry.Figures is not null;
        }
    }

    /// <summary>Turns the figures of forces beyond the most recently reported few into compact rows.</summary>
    private async Task CompactLeastRecentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Entry? oldest;
            lock (_lock)
            {
                var held = _entries.Values.Where(e => e.Figures is not null).ToList();
                oldest = held.Count > options.Value.Forces ? held.MinBy(e => e.LastUsed) : null;
            }

            if (oldest is null)
            {
                return;
            }

            await oldest.Gate.WaitAsync(cancellationToken);
            try
            {
                // A report already using these figures keeps them; the next one makes them from the rows.
                if (oldest.Figures is { } figures)
                {
                    oldest.Compact = CompactForceRows.Of(figures);
                    oldest.Figures = null;
                    LogCompacted(oldest.Force, oldest.Compact.Count);
                }
            }
            finally
            {
                oldest.Gate.Release();
            }
        }
    }

    private async Task RefreshAsync(ReportingDbContext db, Entry entry, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        var versions = await ReadVersionsAsync(db, areas, cancellationToken);
        if (entry.Figures is null && entry.Compact is { } compact)
        {
            // Made from memory, then checked against the versions below like figures that were never dropped.
            await _builds.WaitAsync(cancellationToken);
            try
            {
                entry.Figures = compact.ToFigures(catalogue);
                entry.Compact = null;
            }
            finally
            {
                _builds.Release();
            }
        }

        if (entry.Figures is null)
        {
            (entry.Figures, entry.Returns) = await ReadAllAsync(db, areas, versions, cancellationToken);
            LogRead(entry.Force, entry.Returns.Count);
            return;
        }

        var current = versions.Select(v => v.ReturnKey).ToHashSet(StringComparer.Ordinal);
        var changed = versions.Where(v => !entry.Returns.TryGetValue(v.ReturnKey, out var held) || held.Revision != v.Revision).Select(v => v.ReturnKey).ToList();
        var gone = entry.Returns.Keys.Where(k => !current.Contains(k)).ToList();
        if (changed.Count == 0 && gone.Count == 0)
        {
            return;
        }

        if (changed.Count > options.Value.MaxChangedReturns)
        {
            (entry.Figures, entry.Returns) = await ReadAllAsync(db, areas, versions, cancellationToken);
            LogRead(entry.Force, entry.Returns.Count);
            return;
        }

        var areaSet = areas.ToHashSet(StringComparer.Ordinal);
        var rows = (await ReadRowsAsync(db, db.Observations.Where(o => changed.Contains(o.ReturnKey)), cancellationToken))
            .Where(r => areaSet.Contains(r.Row.Figure.AreaCode)).ToList();
        var replaced = changed.Concat(gone).Select(k => entry.Returns.GetValueOrDefault(k)).OfType<HeldReturn>().ToList();
        // The cells the replaced returns' rows are in, found in the figures themselves rather than kept
        // beside them: a list per return would be a second copy of every row's measure, area and window.
        var replacedCells = entry.Figures.CellsHolding(changed.Concat(gone).ToHashSet(StringComparer.Ordinal));
        var returns = new Dictionary<string, HeldReturn>(entry.Returns, StringComparer.Ordinal);
        foreach (var key in gone)
        {
            returns.Remove(key);
        }

        var changedKeys = changed.ToHashSet(StringComparer.Ordinal);
        foreach (var held in Held(rows, versions.Where(v => changedKeys.Contains(v.ReturnKey))))
        {
            returns[held.Key] = held.Value;
        }

        entry.Figures = entry.Figures.With(
            replaced.Select(r => r.ReturnId).ToHashSet(StringComparer.Ordinal),
            replacedCells,
            [.. rows.Select(r => r.Row)]);
        entry.Returns = returns;
        LogPatched(entry.Force, changed.Count + gone.Count);
    }

    private async Task<(ForceFigures Figures, Dictionary<string, HeldReturn> Returns)> ReadAllAsync(ReportingDbContext db, IReadOnlyList<string> areas, IReadOnlyList<HeldVersion> versions, CancellationToken cancellationToken)
    {
        await _builds.WaitAsync(cancellationToken);
        try
        {
            var rows = await ReadForceRowsAsync(db, areas, cancellationToken);
            // Kept as compact rows under figures that combine a window when a report first asks for it:
            // a report shows a few years of windows, and the force holds ten.
            return (CompactForceRows.Of(rows.ConvertAll(r => r.Row)).ToFigures(catalogue), Held(rows, versions));
        }
        finally
        {
            _builds.Release();
        }
    }

    private static Task<List<HeldVersion>> ReadVersionsAsync(ReportingDbContext db, IReadOnlyList<string> areas, CancellationToken cancellationToken) =>
        db.ReturnVersions.AsNoTracking()
            .Where(r => areas.Contains(r.AreaCode))
            .Select(r => new HeldVersion(r.ReturnKey, r.Revision))
            .ToListAsync(cancellationToken);

    private static Task<List<KeyedRow>> ReadForceRowsAsync(ReportingDbContext db, IReadOnlyList<string> areas, CancellationToken cancellationToken) =>
        ReadRowsAsync(db, db.Observations.Where(o => areas.Contains(o.AreaCode)), cancellationToken);

    /// <summary>What each return contributes, by return key: its revision and return id.</summary>
    private static Dictionary<string, HeldReturn> Held(IReadOnlyList<KeyedRow> rows, IEnumerable<HeldVersion> versions)
    {
        var held = rows.GroupBy(r => r.ReturnKey, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new HeldReturn(g.First().Row.Figure.Revision, g.First().Row.Figure.ReturnId),
            StringComparer.Ordinal);
        // A revision read with its rows may be newer than the version read just before; the rows are
        // what is held. A return without rows here is remembered by its version, so it is not read again.
        foreach (var version in versions)
        {
            held.TryAdd(version.ReturnKey, new HeldReturn(version.Revision, ""));
        }

        return held;
    }

    /// <summary>
    /// Reads rows as the report uses them. Strings and windows repeat across thousands of rows (the same
    /// measure, area, return and window), so each distinct one is kept once: the cache holds a force's
    /// whole history, and duplicates would be most of its memory.
    /// </summary>
    private static async Task<List<KeyedRow>> ReadRowsAsync(ReportingDbContext db, IQueryable<ReportObservation> query, CancellationToken cancellationToken)
    {
        // When the return was submitted decides between returns claiming one figure: joined (one
        // version per return key, its primary key) rather than a subquery per row.
        var rows = await (
            from o in query.AsNoTracking()
            join v in db.ReturnVersions.AsNoTracking() on o.ReturnKey equals v.ReturnKey into versions
            from v in versions.DefaultIfEmpty()
            select new
            {
                o.Id,
                o.ReturnKey,
                o.ReturnId,
                o.Revision,
                o.MeasureId,
                o.AreaCode,
                o.PeriodKey,
                o.Value,
                o.Numerator,
                o.Denominator,
                o.Status,
                o.Confidentiality,
                o.Trend,
                o.Note,
                SubmittedAtMs = v == null ? 0 : v.SubmittedAtMs,
            })
            .ToListAsync(cancellationToken);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var periods = new Dictionary<string, Period>(StringComparer.Ordinal);
        string Shared(string value) => strings.TryAdd(value, value) ? value : strings[value];
        Period PeriodOf(string key)
        {
            if (!periods.TryGetValue(key, out var period))
            {
                period = PeriodKeys.Parse(key);
                periods.Add(key, period);
            }

            return period;
        }

        return [.. rows.Select(r => new KeyedRow(
            Shared(r.ReturnKey),
            new ObservedRow(Shared(r.MeasureId), PeriodOf(r.PeriodKey),
                new SourcedFigure(Shared(r.AreaCode), new Figure(r.Value, r.Numerator, r.Denominator), r.Status, r.Confidentiality, r.Revision, Shared(r.ReturnId), r.Trend, Shared(r.Note), Shared(r.ReturnKey), r.SubmittedAtMs),
                r.Id)))];
    }

    private Entry EntryFor(string forceCode)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(forceCode, out var entry))
            {
                entry = new Entry(forceCode);
                _entries.Add(forceCode, entry);
            }

            entry.LastUsed = ++_clock;
            return entry;
        }
    }

    private sealed class Entry(string force)
    {
        public string Force { get; } = force;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long LastUsed { get; set; }

        public ForceFigures? Figures { get; set; }

        /// <summary>The rows of <see cref="Returns"/> while <see cref="Figures"/> are dropped.</summary>
        public CompactForceRows? Compact { get; set; }

        public Dictionary<string, HeldReturn> Returns { get; set; } = new(StringComparer.Ordinal);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed record HeldVersion(string ReturnKey, int Revision);

    private sealed record HeldReturn(int Revision, string ReturnId);

    private sealed record KeyedRow(string ReturnKey, ObservedRow Row);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read every figure of {Force} ({Returns} returns) into the report cache")]
    private partial void LogRead(string force, int returns);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report cache of {Force} kept as {Rows} compact rows")]
    private partial void LogCompacted(string force, int rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report cache of {Force}: {Changed} changed returns read again")]
    private partial void LogPatched(string force, int changed);
}
