using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;

namespace Partnership.Reporting.Comparisons;

/// <summary>What an import stored: per publication, how many figures it now holds and how many it replaced.</summary>
public sealed record NationalImport(string Publication, int Stored, int Replaced);

/// <summary>
/// The national figures the aggregator holds, in their own table (never among partners' returns).
/// Importing a publication replaces everything held for it, in one transaction, so a second import
/// of the same file holds the same figures once.
/// </summary>
public sealed class NationalFigureStore(ReportingDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<NationalImport>> ImportAsync(IReadOnlyList<NationalFigureRow> rows, CancellationToken cancellationToken)
    {
        var publications = rows.Select(r => r.Publication).Distinct(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replaced = await db.NationalFigures.Where(f => publications.Contains(f.Publication))
            .GroupBy(f => f.Publication)
            .Select(g => new { Publication = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Publication, g => g.Count, cancellationToken);
        await db.NationalFigures.Where(f => publications.Contains(f.Publication)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.AppendAsync(db, [.. rows.Select(r => new NationalFigure
        {
            AreaCode = r.AreaCode,
            MeasureId = r.MeasureId,
            PeriodStart = AuditText.IsoDate(r.Window.Start),
            PeriodEnd = AuditText.IsoDate(r.Window.End),
            Value = r.Value,
            Publication = r.Publication,
            PublishedOn = AuditText.IsoDate(r.PublishedOn),
            ImportedAtMs = now,
        })], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. publications.Select(p => new NationalImport(p, rows.Count(r => r.Publication == p), replaced.GetValueOrDefault(p)))];
    }

    /// <summary>Every national figure of the measures for exactly the windows given.</summary>
    public async Task<NationalFigures> ForAsync(IReadOnlyCollection<string> measureIds, IReadOnlyCollection<Period> windows, CancellationToken cancellationToken)
    {
        var starts = windows.Select(w => AuditText.IsoDate(w.Start)).Distinct().ToList();
        var held = await db.NationalFigures.AsNoTracking()
            .Where(f => measureIds.Contains(f.MeasureId) && starts.Contains(f.PeriodStart))
            .ToListAsync(cancellationToken);
        var rows = held
            .Select(f => new NationalFigureRow(f.AreaCode, f.MeasureId, Period.Months(Date(f.PeriodStart), Date(f.PeriodEnd)), f.Value, f.Publication, Date(f.PublishedOn)))
            .Where(r => windows.Contains(r.Window))
            .ToList();
        return new NationalFigures(rows);
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>National figures in memory, for the report builder.</summary>
public sealed record NationalFigures(IReadOnlyList<NationalFigureRow> Rows)
{
    public static NationalFigures None { get; } = new([]);
}
