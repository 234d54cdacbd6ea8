using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;
using Partnership.Security;

namespace Partnership.Reporting.Editions;

/// <summary>
/// An edition with the report of one of its versions as the caller may read it, every version it has,
/// for the partner view of a published edition the figures the live ones now differ from, its
/// commentary, and the partners' notes a draft's editor may draw on.
/// </summary>
public sealed record EditionView(Edition Edition, DeliveryReport Report, int Version, IReadOnlyList<EditionVersion> Versions, IReadOnlyList<RevisedFigure> RevisedSincePublication)
{
    public IReadOnlyList<CommentaryView> Commentary { get; init; } = [];

    /// <summary>The notes partners sent with their returns, per measure: suggestions for a draft's commentary.</summary>
    public IReadOnlyList<PartnerNote> PartnerNotes { get; init; } = [];
}

/// <summary>One version of a published edition: 1 as published, then each correction with its reason.</summary>
public sealed record EditionVersion(int Number, DateTimeOffset IssuedAt, string IssuedBy, string Reason);

/// <param name="Rendered">The text with its placeholders replaced by the edition's figures, as the report shows it.</param>
/// <param name="Stale">The cited figures that moved since it was written (a draft's only): by a refresh of the draft's figures, or a later revision of the live ones.</param>
public sealed record CommentaryView(CommentaryKind Kind, string Key, string Text, string Rendered, IReadOnlyList<StaleFigure> Stale, string WrittenBy, long WrittenAtMs);

public sealed record PartnerNote(string MeasureId, string Note);

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
    /// <param name="staleOverride">Why the edition is signed off although commentary cites figures that moved; refused without one when any does.</param>
    public async Task<Edition> SignOffAsync(long id, DateTimeOffset? embargoAt, string? staleOverride, CancellationToken cancellationToken)
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

        var commentary = await CommentaryOfAsync(edition.Id, cancellationToken);
        var stale = (await StaleAsync(edition, commentary, cancellationToken)).Where(s => s.Value.Count > 0).ToList();
        var detail = $"embargo {Iso(embargo)}";
        if (stale.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(staleOverride))
            {
                throw new StateConflictException(
                    $"Edition {edition.Id} has stale commentary: {string.Join("; ", stale.Select(s => Describe(s.Key, s.Value)))}. Rewrite it, or sign off with an override giving the reason.");
            }

            detail += $"; stale commentary overridden ({string.Join(", ", stale.Select(s => s.Key.Key))}): {staleOverride.Trim()}";
        }

        edition.State = EditionState.SignedOff;
        edition.SignedOffAtMs = now.ToUnixTimeMilliseconds();
        edition.SignedOffBy = Who(caller);
        edition.EmbargoMs = embargo.ToUnixTimeMilliseconds();
        // The commentary is rendered into the public report from its own figures: a withheld figure stays withheld.
        edition.PublicReport = EditionSnapshot.Write(CommentaryText.Apply(disclosure.Apply(EditionSnapshot.Read(edition.Report), ReportAudience.Public, Caller.Anonymous), commentary));
        edition.Version++;
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.SignedOff, caller, now.ToUnixTimeMilliseconds(), detail));
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

        var commentary = await CommentaryOfAsync(edition.Id, cancellationToken);
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
            var disclosed = publicReport.Length > 0 ? null : disclosure.Apply(EditionSnapshot.Read(edition.Report), ReportAudience.Public, caller);
            var shown = await ViewAsync(edition, disclosed, commentary, cancellationToken, publicReport);
            return shown with { Report = shown.Report with { Edition = named }, Version = number, Versions = versions };
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

        var view = await ViewAsync(edition, partner, commentary, cancellationToken);
        return view with { Report = view.Report with { Edition = named }, Version = number, Versions = versions, RevisedSincePublication = revised };
    }

    /// <summary>
    /// Writes the editor's commentary on a measure or section of a draft, replacing what was there (an
    /// empty text removes it). Its placeholders must name the edition's own figures; the values they show
    /// now are kept, so a figure that moves later flags the commentary stale. Writing it again, as it
    /// is, confirms it against today's figures.
    /// </summary>
    public async Task<EditionView> CommentAsync(long id, CommentaryKind kind, string key, string text, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken);
        Require(caller, Roles.OpccEditor, edition.ForceAreaCode);
        RequireDraft(edition, "commented on");
        var report = EditionSnapshot.Read(edition.Report);
        var known = kind == CommentaryKind.Measure ? report.Rows().Any(r => r.Measure.Id == key) : report.Themes.Any(t => t.Id == key);
        if (!known)
        {
            throw new EditionRejectedException("key", kind == CommentaryKind.Measure
                ? $"'{key}' is not a measure of edition {id}."
                : $"'{key}' is not a section of edition {id}; the sections are {string.Join(", ", report.Themes.Select(t => t.Id))}.");
        }

        if (text.Length > EditionCommentary.MaxText)
        {
            throw new EditionRejectedException("text", $"Commentary is at most {EditionCommentary.MaxText} characters; this is {text.Length}.");
        }

        if (CommentaryText.Problems(text, report) is { Count: > 0 } problems)
        {
            throw new EditionRejectedException("text", string.Join(" ", problems));
        }

        var now = NowMs();
        var existing = await db.Commentary.FirstOrDefaultAsync(c => c.EditionId == id && c.Kind == kind && c.Key == key, cancellationToken);
        var removed = text.Trim().Length == 0;
        if (removed)
        {
            if (existing is null)
            {
                return await ViewAsync(edition, report, await CommentaryOfAsync(id, cancellationToken), cancellationToken);
            }

            db.Commentary.Remove(existing);
        }
        else
        {
            existing ??= db.Commentary.Add(new EditionCommentary { EditionId = id, Kind = kind, Key = key, Text = "", Cited = "", WrittenBy = "" }).Entity;
            existing.Text = text;
            existing.Cited = CommentaryText.WriteCited(CommentaryText.Cite(text, report));
            existing.WrittenAtMs = now;
            existing.WrittenBy = Who(caller);
        }

        edition.Version++;
        var what = $"commentary on {(kind == CommentaryKind.Measure ? "measure" : "section")} {key}{(removed ? " removed" : "")}";
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Edited, caller, now, what));
        await SaveAsync(edition, cancellationToken);
        return await ViewAsync(edition, report, await CommentaryOfAsync(id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Publishes a signed-off edition now, before its embargo: the approver lifts the embargo, and the
    /// audit trail says who did. The embargo set at sign-off stays on the edition beside when it was
    /// published: it is what the approver agreed to, and a reader asks both when it was due and when it came out.
    /// </summary>
    public async Task<Edition> PublishAsync(long id, CancellationToken cancellationToken)
    {
        await published.PublishDueAsync(cancellationToken);
        var caller = callers.Current;
        var edition = await FindAsync(id, cancellationToken);
        Require(caller, Roles.OpccApprover, edition.ForceAreaCode);
        if (edition.State != EditionState.SignedOff)
        {
            throw new StateConflictException(edition.State == EditionState.Draft
                ? $"Edition {id} is a draft; sign it off first."
                : $"Edition {id} is already published.");
        }

        var now = NowMs();
        var embargo = edition.EmbargoMs ?? now;
        edition.State = EditionState.Published;
        edition.PublishedAtMs = now;
        edition.Version++;
        db.EditionAudit.Add(EditionAudit.Entry(edition, EditionAction.Published, caller, now, $"published by the approver before its embargo {Iso(DateTimeOffset.FromUnixTimeMilliseconds(embargo))}"));
        await SaveAsync(edition, cancellationToken);
        return edition;
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
            // The commentary stands in the corrected version too, its placeholders citing the corrected figures.
            PublicReport = EditionSnapshot.Write(CommentaryText.Apply(disclosure.Apply(live, ReportAudience.Public, Caller.Anonymous), await CommentaryOfAsync(id, cancellationToken))),
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

    // The view of an edition's first version: its report (null: the public report made at sign-off or
    // at a correction, commentary and all) with the commentary rendered from it; for a draft, what is
    // stale and the partners' notes.
    private async Task<EditionView> ViewAsync(Edition edition, DeliveryReport? report, IReadOnlyList<EditionCommentary> commentary, CancellationToken cancellationToken, string? publicReport = null)
    {
        var shown = report is null ? EditionSnapshot.Read(publicReport ?? edition.PublicReport) : CommentaryText.Apply(report, commentary);
        var stale = await StaleAsync(edition, commentary, cancellationToken);
        var notes = edition.State == EditionState.Draft && report is not null
            ? report.Rows().Where(r => r.Measure.Comment.Length > 0).Select(r => new PartnerNote(r.Measure.Id, r.Measure.Comment)).ToList()
            : [];
        return new EditionView(edition, shown, 1, [], [])
        {
            Commentary = [.. commentary.Select(c => new CommentaryView(
                c.Kind, c.Key, c.Text, CommentaryText.Render(c.Text, report ?? shown), stale.GetValueOrDefault(c) ?? [], c.WrittenBy, c.WrittenAtMs))],
            PartnerNotes = notes,
        };
    }

    /// <summary>
    /// A draft's commentary with the figures it cites that moved since it was written: in the draft's
    /// own figures (taken again since) or in the live figures (a later revision not yet taken).
    /// Commentary on a signed-off edition is frozen with it, and never stale.
    /// </summary>
    private async Task<Dictionary<EditionCommentary, IReadOnlyList<StaleFigure>>> StaleAsync(Edition edition, IReadOnlyList<EditionCommentary> commentary, CancellationToken cancellationToken)
    {
        var stale = new Dictionary<EditionCommentary, IReadOnlyList<StaleFigure>>();
        if (edition.State != EditionState.Draft || commentary.Count == 0)
        {
            return stale;
        }

        var draft = EditionSnapshot.Read(edition.Report);
        var live = await reports.BuildAsync(edition.ForceAreaCode, PeriodKeys.Parse(edition.PeriodKey), ComparisonsOf(edition), includeSeries: false, cancellationToken);
        foreach (var item in commentary)
        {
            var cited = CommentaryText.ReadCited(item.Cited);
            var moved = CommentaryText.Moved(cited, draft).ToList();
            moved.AddRange(CommentaryText.Moved(cited, live).Where(l => moved.All(m => m.Placeholder != l.Placeholder)));
            stale[item] = moved;
        }

        return stale;
    }

    private async Task<IReadOnlyList<EditionCommentary>> CommentaryOfAsync(long editionId, CancellationToken cancellationToken) =>
        await db.Commentary.AsNoTracking().Where(c => c.EditionId == editionId).OrderBy(c => c.Kind).ThenBy(c => c.Key).ToListAsync(cancellationToken);

    private static string Describe(EditionCommentary commentary, IReadOnlyList<StaleFigure> stale) =>
        $"{commentary.Kind.ToString().ToLowerInvariant()} {commentary.Key} cites {string.Join(", ", stale.Select(f => $"{{{f.Placeholder}}} as {f.Cited}, now {f.Now}"))}";

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
