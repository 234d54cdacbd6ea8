using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Domain;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Status;

/// <summary>The latest revision of a stored return and whether its event has gone out.</summary>
public sealed record ReturnStatusEntry(
    string Service,
    string AreaCode,
    string Source,
    string ReturnKey,
    Guid ReturnId,
    int Revision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    int ObservationCount,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<FigureConflict>? Conflicts = null,
    DateTimeOffset? FirstSubmittedAt = null)
{
    public IReadOnlyList<FigureConflict> FigureConflicts => Conflicts ?? [];
}

/// <summary>One domain service's answer to "which returns of this period do you hold?".</summary>
public interface IReturnStatusSource
{
    ServiceIdentity Identity { get; }

    Task<IReadOnlyList<ReturnStatusEntry>> ListAsync(Period period, CancellationToken cancellationToken);

    /// <summary>Where a figure submitted for exactly the period differs from the sum of the same partner's shorter windows within it.</summary>
    Task<IReadOnlyList<WindowDifference>> WindowDifferencesAsync(Period period, CancellationToken cancellationToken);
}

internal sealed class ReturnStatusReader<TContext>(IServiceScopeFactory scopes, ServiceIdentity identity, MeasureCatalogue catalogue) : IReturnStatusSource
    where TContext : SubmissionDbContext
{
    public ServiceIdentity Identity => identity;

    public async Task<IReadOnlyList<ReturnStatusEntry>> ListAsync(Period period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.PeriodKey == period.Key && r.Revision == db.Returns.Where(o => o.ReturnKey == r.ReturnKey).Max(o => o.Revision))
            .Select(r => new { r.Id, r.AreaCode, r.Source, r.ReturnKey, r.Revision, r.SubmittedBy, r.SubmittedAt, Count = r.Observations.Count })
            .ToListAsync(cancellationToken);
        var ids = returns.Select(r => (Guid?)r.Id).ToList();
        var published = await db.Outbox.AsNoTracking()
            .Where(m => ids.Contains(m.ReturnId))
            .Select(m => new { m.ReturnId, m.PublishedAtMs })
            .ToListAsync(cancellationToken);
        var publishedAt = published.Where(p => p.PublishedAtMs is not null)
            .ToDictionary(p => p.ReturnId!.Value, p => DateTimeOffset.FromUnixTimeMilliseconds(p.PublishedAtMs!.Value));

        var conflicts = await ConflictsAsync(db, ids, cancellationToken);
        // Revisions count from 1: the first one says when the return came in, however often it was corrected.
        var first = (await db.Returns.AsNoTracking()
            .Where(r => r.PeriodKey == period.Key && r.Revision == 1)
            .Select(r => new { r.ReturnKey, r.SubmittedAt })
            .ToListAsync(cancellationToken))
            .ToDictionary(r => r.ReturnKey, r => r.SubmittedAt, StringComparer.Ordinal);

        return [.. returns
            .OrderBy(r => r.AreaCode, StringComparer.Ordinal).ThenBy(r => r.Source, StringComparer.Ordinal)
            .Select(r => new ReturnStatusEntry(identity.Name, r.AreaCode, r.Source, r.ReturnKey, r.Id, r.Revision, r.SubmittedBy, r.SubmittedAt, r.Count,
                publishedAt.TryGetValue(r.Id, out var at) ? at : null, conflicts[r.Id].ToList(),
                first.TryGetValue(r.ReturnKey, out var firstAt) ? firstAt : r.SubmittedAt))];
    }

    /// <summary>
    /// The figures of these returns that another current return also claims. Both submitters see the
    /// conflict, each on its own return, whichever of the two windows they ask about.
    /// </summary>
    private async Task<ILookup<Guid, FigureConflict>> ConflictsAsync(TContext db, IReadOnlyList<Guid?> ids, CancellationToken cancellationToken)
    {
        var cells = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.ReturnId))
            .Select(o => new { o.MeasureId, o.AreaCode, o.PeriodKey })
            .Distinct()
            .ToListAsync(cancellationToken);
        if (cells.Count == 0)
        {
            return Array.Empty<FigureConflict>().ToLookup(_ => Guid.Empty);
        }

        var claims = await CurrentClaims.ForCellsAsync(db, [.. cells.Select(c => (c.MeasureId, c.AreaCode, c.PeriodKey))], cancellationToken);
        var mine = ids.Select(id => id!.Value).ToHashSet();
        return claims
            .Where(cell => cell.Count() > 1 && catalogue.TryGet(cell.Key.MeasureId, out _))
            .SelectMany(cell =>
            {
                var held = cell.ToList();
                var measure = catalogue.Get(cell.Key.MeasureId);
                var window = PeriodKeys.Parse(cell.Key.PeriodKey);
                return held.Where(c => mine.Contains(c.ReturnId)).SelectMany(c => CurrentClaims.ConflictsOf(measure, window, c, held).Select(conflict => (c.ReturnId, conflict)));
            })
            .ToLookup(x => x.ReturnId, x => x.conflict);
    }

    public async Task<IReadOnlyList<WindowDifference>> WindowDifferencesAsync(Period period, CancellationToken cancellationToken)
    {
        if (period.IsSnapshot)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var catalogue = scope.ServiceProvider.GetRequiredService<MeasureCatalogue>();
        // This service owns every return of its measures: the latest revision of each return whose
        // window lies inside the period holds the partner's figures for the period and its parts.
        var latest = await db.Returns.AsNoTracking()
            .Where(r => r.Revision == db.Returns.Where(o => o.ReturnKey == r.ReturnKey).Max(o => o.Revision))
            .Select(r => new { r.Id, r.PeriodKey, r.Source })
            .ToListAsync(cancellationToken);
        var inside = latest.Where(r => period.Contains(PeriodKeys.Parse(r.PeriodKey))).ToDictionary(r => r.Id, r => r.Source);
        if (inside.Count < 2)
        {
            return [];
        }

        var ids = inside.Keys.ToList();
        var rows = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.ReturnId))
            .Select(o => new { o.ReturnId, o.AreaCode, o.MeasureId, o.PeriodKey, o.Value, o.Numerator, o.Denominator })
            .ToListAsync(cancellationToken);

        var differences = new List<WindowDifference>();
        foreach (var cell in rows.GroupBy(r => (r.AreaCode, Source: inside[r.ReturnId], r.MeasureId))
            .OrderBy(g => g.Key.AreaCode, StringComparer.Ordinal).ThenBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.MeasureId, StringComparer.Ordinal))
        {
            if (!catalogue.TryGet(cell.Key.MeasureId, out var measure) || !WindowTiling.CanTile(measure))
            {
                continue;
            }

            var figures = cell.Select(r => (Period: PeriodKeys.Parse(r.PeriodKey), Figure: new Figure(r.Value, r.Numerator, r.Denominator))).ToList();
            var submitted = figures.FirstOrDefault(f => f.Period == period);
            var shorter = figures.Where(f => !f.Period.IsSnapshot && f.Period != period).OrderBy(f => f.Period.Start).ThenBy(f => f.Period.End).ToList();
            if (submitted.Figure.Resolved is not { } value || WindowTiling.Tile(period, shorter, f => f.Period) is not { } tiles)
            {
                continue;
            }

            var tiled = tiles.All(t => t.Figure.IsFraction)
                ? Figure.OfFraction(tiles.Sum(t => t.Figure.Numerator ?? 0m), tiles.Sum(t => t.Figure.Denominator ?? 0m)).Resolved
                : tiles.Sum(t => t.Figure.Value ?? 0m);
            if (tiled is { } sum && sum != value)
            {
                differences.Add(new WindowDifference(identity.Name, cell.Key.AreaCode, cell.Key.Source, cell.Key.MeasureId, period, value, sum, [.. tiles.Select(t => t.Period)]));
            }
        }

        return differences;
    }
}
