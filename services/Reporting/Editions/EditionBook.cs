using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;
using Partnership.Security;

namespace Partnership.Reporting.Editions;

/// <summary>
/// An edition with the report of one of its versions as the caller may read it, every version it has,
/// and, for the partner view of a published edition, the figures the live ones now differ from.
/// </summary>
public sealed record EditionView(Edition Edition, DeliveryReport Report, int Version, IReadOnlyList<EditionVersion> Versions, IReadOnlyList<RevisedFigure> RevisedSincePublication);

/// <summary>One version of a published edition: 1 as published, then each correction with its reason.</summary>
public sealed record EditionVersion(int Number, DateTimeOffset IssuedAt, string IssuedBy, string Reason);

/// <summary>
/// Editions of the Delivery Quarterly Report: the OPCC's editor drafts one from the live figures, its
/// approver signs it off with an embargo, and it is published when the embargo passes. Every change
/// is saved with its audit entry in one transaction; a change made from a stale read is refused.
/// </summary>
public sealed class EditionBook(
    ReportingDbContext db,
    DeliveryReportQuery reports,
    PublishedEditions published,
    IReportDisclosure disclosure,
    ReadAuditLog reads,
    ICallerContext callers,
    TimeProvider clock)
{
    public async Task<Edition> CreateAsync(string forceCode, Period period, IReadOnlyList<ComparisonKind> comparisons, string title, string notes, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        Require(caller, Roles.OpccEditor, forceCode);
        var key = period.Key;
        if (await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.ForceAreaCode == forceCode && e.PeriodKey == key && e.State == EditionState.Draft, cancellationToken) is { } draft)
        {
            throw new StateConflictException($"{forceCode} already has a draft for {period.Label} (edition {draft.Id}); edit it, or have it signed off first.");
        }

        var report = await reports.BuildAsync(forceCode, period, comparisons, includeSeries: true, cancellationToken);
        var now = NowMs();
        var edition = new Edition
        {
            ForceAreaCode = forceCode,
            PeriodKey = key,
            PeriodLabel = period.Label,
            Comparisons = string.Join(",", report.Comparisons),
            Title = title,
            Notes = notes,
            State = EditionState.Draft,
            CreatedAtMs = now,
            CreatedBy = Who(caller),
            FiguresTakenAtMs = now,
            Report = EditionSnapshot.Write(report),
        };
        db.Editions.Add(edition);
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Created, caller, now, $"draft \"{title}\""));
        await SaveAsync(edition, cancellationToken);
        return edition;
    }

    /// <summary>Changes a draft's title or notes (null leaves them), or takes the live figures again.</summary>
    public async Task<Edition> EditAsync(long id, string? title, string? notes, bool refreshFigures, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken);
        Require(caller, Roles.OpccEditor, edition.ForceAreaCode);
        RequireDraft(edition, "edited");
        var changed = new List<string>();
        if (title is not null && title != edition.Title)
        {
            edition.Title = title;
            changed.Add("title");
        }

        if (notes is not null && notes != edition.Notes)
        {
            edition.Notes = notes;
            changed.Add("notes");
        }

        var now = NowMs();
        if (refreshFigures)
        {
            var report = await reports.BuildAsync(edition.ForceAreaCode, PeriodKeys.Parse(edition.PeriodKey), ComparisonsOf(edition), includeSeries: true, cancellationToken);
            edition.Report = EditionSnapshot.Write(report);
            edition.FiguresTakenAtMs = now;
            changed.Add("figures");
        }

        if (changed.Count == 0)
        {
            return edition;
        }

        edition.Version++;
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Edited, caller, now, string.Join(", ", changed)));
        await SaveAsync(edition, cancellationToken);
        return edition;
    }

    /// <summary>
    /// Freezes a draft as it stands, figures and all (what the approver read), with the public report
    /// made from it now, to be published at <paramref name="embargoAt"/> (null: at once).
    /// </summary>
    public async Task<Edition> SignOffAsync(long id, DateTimeOffset? embargoAt, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken);
        Require(caller, Roles.OpccApprover, edition.ForceAreaCode);
        RequireDraft(edition, "signed off");
        var now = clock.GetUtcNow();
        var embargo = embargoAt ?? now;
        if (embargo < now)
        {
            throw new EditionRejectedException("embargo", $"The embargo {Iso(embargo)} is already past (it is {Iso(now)}); give one from now on.");
        }

        edition.State = EditionState.SignedOff;
        edition.SignedOffAtMs = now.ToUnixTimeMilliseconds();
        edition.SignedOffBy = Who(caller);
        edition.EmbargoMs = embargo.ToUnixTimeMilliseconds();
        edition.PublicReport = EditionSnapshot.Write(disclosure.Apply(EditionSnapshot.Read(edition.Report), ReportAudience.Public, Caller.Anonymous));
        edition.Version++;
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.SignedOff, caller, now.ToUnixTimeMilliseconds(), $"embargo {Iso(embargo)}"));
        await SaveAsync(edition, cancellationToken);
        await published.PublishDueAsync(cancellationToken);
        return await FindAsync(id, cancellationToken, tracked: false);
    }

    /// <summary>
    /// An edition with the report of a version (0: the latest) for the audience. A published edition is
    /// anyone's; before, only the force's editor, approver or readers see it. The public report of a
    /// signed-off edition is the one made at sign-off; the partner view is the true figures, as far as
    /// the caller's roles allow, with the figures revised since publication.
    /// </summary>
    public async Task<EditionView> GetAsync(long id, ReportAudience audience, int version, CancellationToken cancellationToken)
    {
        await published.PublishDueAsync(cancellationToken);
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken, tracked: false);
        if (!MaySee(caller, edition))
        {
            throw new AccessDeniedException($"Edition {id} is not published; before its embargo only the editor, the approver or a reader of {edition.ForceAreaCode} reads it.");
        }

        var corrections = await CorrectionsAsync(edition, cancellationToken);
        var latest = corrections.Count + 1;
        var number = version == 0 ? latest : version;
        if (number < 1 || number > latest)
        {
            throw new NotFoundException($"Edition {id} has no version {version}; its versions are 1 to {latest}.");
        }

        var held = number == 1 ? null : corrections[number - 2];
        var versions = Versions(edition, corrections);
        var named = edition.State == EditionState.Published ? PublishedEditions.Describe(edition, corrections, number) : null;
        if (audience == ReportAudience.Public)
        {
            var publicReport = held?.PublicReport ?? edition.PublicReport;
            var shown = publicReport.Length > 0
                ? EditionSnapshot.Read(publicReport)
                : disclosure.Apply(EditionSnapshot.Read(edition.Report), ReportAudience.Public, caller);
            return new EditionView(edition, shown with { Edition = named }, number, versions, []);
        }

        if (ReadAccess.PartnerViewDenial(caller, edition.ForceAreaCode) is { } denial)
        {
            throw new AccessDeniedException(denial);
        }

        var report = EditionSnapshot.Read(held?.Report ?? edition.Report);
        await reads.RecordAsync(caller, edition.ForceAreaCode, report.Window, cancellationToken);
        var partner = disclosure.Apply(report, ReportAudience.Partner, caller);
        IReadOnlyList<RevisedFigure> revised = [];
        if (edition.State == EditionState.Published)
        {
            var live = await reports.BuildAsync(edition.ForceAreaCode, report.Window, ComparisonsOf(edition), includeSeries: false, cancellationToken);
            revised = RevisedFigure.Between(partner, disclosure.Apply(live, ReportAudience.Partner, caller));
        }

        return new EditionView(edition, partner with { Edition = named }, number, versions, revised);
    }

    /// <summary>
    /// Issues a corrected version of a published edition: the live figures, with their public report
    /// made now, signed off with <paramref name="reason"/>. Every earlier version stays readable; the
    /// public view shows the new one, naming it and what changed. Refused when no figure of the latest
    /// version has been revised, since there would be nothing to correct.
    /// </summary>
    public async Task<(Edition Edition, IReadOnlyList<EditionVersion> Versions)> CorrectAsync(long id, string reason, CancellationToken cancellationToken)
    {
        await published.PublishDueAsync(cancellationToken);
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken);
        Require(caller, Roles.OpccApprover, edition.ForceAreaCode);
        if (edition.State != EditionState.Published)
        {
            throw new StateConflictException($"Edition {id} is {edition.State}, and only a published edition is corrected; a draft is edited, and a signed-off one is published at its embargo first.");
        }

        reason = reason.Trim();
        if (reason.Length is 0 or > EditionCorrection.MaxReason)
        {
            throw new EditionRejectedException("reason", $"A correction says what changed and why, in 1 to {EditionCorrection.MaxReason} characters; this reason has {reason.Length}.");
        }

        var corrections = await CorrectionsAsync(edition, cancellationToken);
        var latest = corrections.Count + 1;
        var live = await reports.BuildAsync(edition.ForceAreaCode, PeriodKeys.Parse(edition.PeriodKey), ComparisonsOf(edition), includeSeries: true, cancellationToken);
        var revised = RevisedFigure.Between(EditionSnapshot.Read(latest == 1 ? edition.Report : corrections[^1].Report), live);
        if (revised.Count == 0)
        {
            throw new StateConflictException($"No figure of edition {id} version {latest} has been revised since it was issued; there is nothing to correct.");
        }

        var now = NowMs();
        var correction = new EditionCorrection
        {
            Edition = edition,
            Number = latest + 1,
            IssuedAtMs = now,
            IssuedBy = Who(caller),
            Reason = reason,
            Report = EditionSnapshot.Write(live),
            PublicReport = EditionSnapshot.Write(disclosure.Apply(live, ReportAudience.Public, Caller.Anonymous)),
        };
        db.EditionCorrections.Add(correction);
        edition.Version++;
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Corrected, caller, now, $"version {correction.Number}, {revised.Count} figure(s) revised: {reason}"));
        await SaveAsync(edition, cancellationToken);
        return (edition, Versions(edition, [.. corrections, correction]));
    }

    /// <summary>The force's editions the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<Edition>> ListAsync(string forceCode, CancellationToken cancellationToken)
    {
        await published.PublishDueAsync(cancellationToken);
        var caller = callers.Current;
        var editions = await db.Editions.AsNoTracking().Where(e => e.ForceAreaCode == forceCode).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return [.. editions.Where(e => MaySee(caller, e))];
    }

    /// <summary>The audit entries of the force's editions whose period lies within <paramref name="period"/>, oldest first.</summary>
    public async Task<IReadOnlyList<EditionAuditEntry>> AuditAsync(string forceCode, Period period, int limit, CancellationToken cancellationToken)
    {
        await published.PublishDueAsync(cancellationToken);
        return await EditionAudit.ListAsync(db, forceCode, period, limit, cancellationToken);
    }

    public static IReadOnlyList<ComparisonKind> ComparisonsOf(Edition edition) =>
        [.. edition.Comparisons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ComparisonKind>)];

    private static bool MaySee(Caller caller, Edition edition) =>
        edition.State == EditionState.Published
        || ((caller.IsInRole(Roles.OpccEditor) || caller.IsInRole(Roles.OpccApprover)) && caller.HoldsArea(edition.ForceAreaCode))
        || ReadAccess.PartnerViewDenial(caller, edition.ForceAreaCode) is null;

    // The policy has checked the role; the force must be one the token acts for.
    private static void Require(Caller caller, string role, string forceCode)
    {
        if (!caller.IsInRole(role))
        {
            throw new AccessDeniedException($"This needs the '{role}' role, which this token does not hold.");
        }

        if (!caller.HoldsArea(forceCode))
        {
            throw new AccessDeniedException($"This token acts for editions of its own forces only, and '{forceCode}' is not one of them.");
        }
    }

    private static void RequireDraft(Edition edition, string what)
    {
        if (edition.State != EditionState.Draft)
        {
            throw new StateConflictException($"Edition {edition.Id} is {edition.State}, and only a draft is {what}; create a new draft for {edition.PeriodLabel}.");
        }
    }

    private async Task<IReadOnlyList<EditionCorrection>> CorrectionsAsync(Edition edition, CancellationToken cancellationToken) =>
        edition.State == EditionState.Published
            ? await db.EditionCorrections.AsNoTracking().Where(c => c.EditionId == edition.Id).OrderBy(c => c.Number).ToListAsync(cancellationToken)
            : [];

    private static IReadOnlyList<EditionVersion> Versions(Edition edition, IReadOnlyList<EditionCorrection> corrections) =>
        edition.PublishedAtMs is { } publishedAt
            ?
            [
                new EditionVersion(1, DateTimeOffset.FromUnixTimeMilliseconds(publishedAt), edition.SignedOffBy, ""),
                .. corrections.Select(c => new EditionVersion(c.Number, DateTimeOffset.FromUnixTimeMilliseconds(c.IssuedAtMs), c.IssuedBy, c.Reason)),
            ]
            : [];

    private async Task<Edition> FindAsync(long id, CancellationToken cancellationToken, bool tracked = true)
    {
        var editions = tracked ? db.Editions : db.Editions.AsNoTracking();
        return await editions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no edition {id}.");
    }

    private async Task SaveAsync(Edition edition, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflictException($"Edition {edition.Id} was changed by someone else meanwhile; read it again and retry.");
        }
    }

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Who(Caller caller) => caller.Subject.Length > 0 && caller.Subject != caller.Agency ? $"{caller.Agency} / {caller.Subject}" : caller.Agency;

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
