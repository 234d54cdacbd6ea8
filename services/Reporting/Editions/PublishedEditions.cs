using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Editions;

/// <summary>
/// The public side of editions: publishes those whose embargo has passed, and finds the published
/// edition the public view shows. Publication needs no call: every read of editions or of the public
/// view first records the publications that are due, stamped with their embargo, so the public view
/// switches exactly at the embargo and the audit trail says when.
/// </summary>
public sealed class PublishedEditions(ReportingDbContext db, TimeProvider clock)
{
    public async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.Editions.Where(e => e.State == EditionState.SignedOff && e.EmbargoMs <= now).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        foreach (var edition in due)
        {
            edition.State = EditionState.Published;
            edition.PublishedAtMs = edition.EmbargoMs;
            edition.Version++;
            db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Published, null, edition.EmbargoMs!.Value, "published at its embargo"));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another reader recorded the publication first; what is stored is what it recorded.
        }
        finally
        {
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Edition or EditionAuditEntry).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>The public report of the latest published edition of the force for the window, with the comparisons asked for.</summary>
    /// <exception cref="NotFoundException">No edition of the force and window is published, or it holds none of the comparisons asked.</exception>
    public async Task<DeliveryReport> PublicReportAsync(AreaDefinition force, Period window, IReadOnlyList<ComparisonKind> comparisons, bool includeSeries, CancellationToken cancellationToken)
    {
        await PublishDueAsync(cancellationToken);
        var key = window.Key;
        var edition = await db.Editions.AsNoTracking()
            .Where(e => e.ForceAreaCode == force.Code && e.PeriodKey == key && e.State == EditionState.Published)
            .OrderByDescending(e => e.PublishedAtMs).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(await AnyPublishedAsync(force.Code, cancellationToken)
                ? $"No edition of the Delivery Quarterly Report of {force.Name} for {window.Label} has been published."
                : NothingPublished(force));
        var corrections = await db.EditionCorrections.AsNoTracking().Where(c => c.EditionId == edition.Id).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var held = EditionSnapshot.Read(corrections.Count == 0 ? edition.PublicReport : corrections[^1].PublicReport) with
        {
            Edition = Describe(edition, corrections, corrections.Count + 1),
        };
        var report = EditionSnapshot.WithComparisons(held, comparisons);
        if (report.Comparisons.Count == 0)
        {
            throw new NotFoundException(
                $"The published edition of {force.Name} for {window.Label} compares {string.Join(", ", held.Comparisons)}, not what was asked.");
        }

        return includeSeries ? report : EditionSnapshot.WithoutSeries(report);
    }

    /// <summary>The windows with a published edition for the force, newest first: what the public may pick.</summary>
    public async Task<IReadOnlyList<Period>> PeriodsAsync(string forceCode, CancellationToken cancellationToken)
    {
        await PublishDueAsync(cancellationToken);
        var keys = await db.Editions.AsNoTracking()
            .Where(e => e.ForceAreaCode == forceCode && e.State == EditionState.Published)
            .Select(e => e.PeriodKey)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. keys.Select(PeriodKeys.Parse).OrderByDescending(p => p.End).ThenBy(p => p.MonthCount)];
    }

    /// <summary>
    /// Names version <paramref name="number"/> of a published edition; a corrected version with when,
    /// why, and the figures that changed from the version before, as the public reads both.
    /// </summary>
    public static PublishedEdition Describe(Edition edition, IReadOnlyList<EditionCorrection> corrections, int number)
    {
        var first = new PublishedEdition(edition.Id, edition.Title, DateTimeOffset.FromUnixTimeMilliseconds(edition.PublishedAtMs ?? 0));
        if (number == 1)
        {
            return first;
        }

        var correction = corrections[number - 2];
        var before = number == 2 ? edition.PublicReport : corrections[number - 3].PublicReport;
        return first with
        {
            Version = number,
            CorrectedAt = DateTimeOffset.FromUnixTimeMilliseconds(correction.IssuedAtMs),
            Correction = correction.Reason,
            Changes = [.. RevisedFigure.Between(EditionSnapshot.Read(before), EditionSnapshot.Read(correction.PublicReport)).Select(f => f.Describe())],
        };
    }

    /// <summary>What the public view says before a force's first edition is published.</summary>
    public static string NothingPublished(AreaDefinition force) =>
        $"No edition of the Delivery Quarterly Report of {force.Name} has been published yet. The public view shows published editions only; partners with a reader role see the live figures.";

    private Task<bool> AnyPublishedAsync(string forceCode, CancellationToken cancellationToken) =>
        db.Editions.AnyAsync(e => e.ForceAreaCode == forceCode && e.State == EditionState.Published, cancellationToken);
}
