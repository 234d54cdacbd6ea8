using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts;
using Partnership.Contracts.Audit.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Book = Partnership.Reporting.Editions;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the editions contract to <see cref="Book.EditionBook"/>.</summary>
public sealed class EditionsService(Book.EditionBook editions, DeliveryPlans plans) : Contracts.Reporting.V1.Editions.EditionsBase
{
    /// <summary>One answer's worth of audit entries; a longer history is asked for in shorter periods.</summary>
    public const int MaxAuditEntries = 5_000;

    [Authorize(Policies.EditEditions)]
    public override async Task<Edition> CreateEdition(CreateEditionRequest request, ServerCallContext context)
    {
        if (!plans.TryGet(request.ForceAreaCode, out _))
        {
            throw RpcErrors.InvalidArgument("force_area_code", $"'{request.ForceAreaCode}' is not a force area with a Police and Crime Plan");
        }

        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var comparisons = request.Comparisons.Where(c => c != Comparison.Unspecified).Select(DeliveryReportMapper.ToDomain).Distinct().ToList();
        return ToContract(await editions.CreateAsync(request.ForceAreaCode, period, comparisons, request.Title, request.Notes, context.CancellationToken));
    }

    [Authorize(Policies.EditEditions)]
    public override async Task<Edition> EditEdition(EditEditionRequest request, ServerCallContext context) =>
        ToContract(await editions.EditAsync(
            request.EditionId,
            request.HasTitle ? request.Title : null,
            request.HasNotes ? request.Notes : null,
            request.RefreshFigures,
            context.CancellationToken));

    [Authorize(Policies.SignOffEditions)]
    public override async Task<Edition> SignOffEdition(SignOffEditionRequest request, ServerCallContext context) =>
        ToContract(await editions.SignOffAsync(request.EditionId, request.Embargo?.ToDateTimeOffset(), request.StaleCommentaryOverride, context.CancellationToken));

    [Authorize(Policies.AuthenticatedCaller)]
    public override async Task<Edition> GetEdition(GetEditionRequest request, ServerCallContext context)
    {
        if (request.Version < 0)
        {
            throw RpcErrors.InvalidArgument("version", $"A version is 1 or more (0 for the latest), not {request.Version}");
        }

        var view = await editions.GetAsync(request.EditionId, DeliveryReportMapper.ToDomain(request.Audience), request.Version, context.CancellationToken);
        var result = ToContract(view);
        result.Report = DeliveryReportMapper.ToContract(view.Report);
        result.RevisedSincePublication.AddRange(view.RevisedSincePublication.Select(ToContract));
        return result;
    }

    [Authorize(Policies.EditEditions)]
    public override async Task<Edition> CommentOnEdition(CommentOnEditionRequest request, ServerCallContext context)
    {
        var kind = request.Kind switch
        {
            CommentaryKind.Measure => Book.CommentaryKind.Measure,
            CommentaryKind.Section => Book.CommentaryKind.Section,
            _ => throw RpcErrors.InvalidArgument("kind", "say whether the commentary is on a measure or a section"),
        };
        return ToContract(await editions.CommentAsync(request.EditionId, kind, request.Key, request.Text, context.CancellationToken));
    }

    [Authorize(Policies.SignOffEditions)]
    public override async Task<Edition> PublishEdition(PublishEditionRequest request, ServerCallContext context) =>
        ToContract(await editions.PublishAsync(request.EditionId, context.CancellationToken));

    [Authorize(Policies.SignOffEditions)]
    public override async Task<Edition> CorrectEdition(CorrectEditionRequest request, ServerCallContext context)
    {
        var (edition, versions) = await editions.CorrectAsync(request.EditionId, request.Reason, context.CancellationToken);
        return ToContract(edition, versions);
    }

    [Authorize(Policies.AuthenticatedCaller)]
    public override async Task<ListEditionsResponse> ListEditions(ListEditionsRequest request, ServerCallContext context)
    {
        var response = new ListEditionsResponse();
        response.Editions.AddRange((await editions.ListAsync(request.ForceAreaCode, context.CancellationToken)).Select(ToContract));
        return response;
    }

    [Authorize(Policies.ReadAuditTrail)]
    public override async Task<ListAuditEntriesResponse> ListEditionAudit(ListAuditEntriesRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var entries = await editions.AuditAsync(request.AreaCode, period, MaxAuditEntries + 1, context.CancellationToken);
        var response = new ListAuditEntriesResponse { Truncated = entries.Count > MaxAuditEntries };
        response.Entries.AddRange(entries.Take(MaxAuditEntries).Select(ToContract));
        return response;
    }

    private static Edition ToContract(Book.EditionView view)
    {
        var result = ToContract(view.Edition, view.Versions);
        result.Version = view.Version;
        result.Commentary.AddRange(view.Commentary.Select(c =>
        {
            var commentary = new EditionCommentary
            {
                Kind = c.Kind == Book.CommentaryKind.Measure ? CommentaryKind.Measure : CommentaryKind.Section,
                Key = c.Key,
                Text = c.Text,
                Rendered = c.Rendered,
                WrittenBy = c.WrittenBy,
                WrittenAt = Time(c.WrittenAtMs),
            };
            commentary.Stale.AddRange(c.Stale.Select(f => new StaleFigure { Placeholder = f.Placeholder, Cited = f.Cited, Now = f.Now }));
            return commentary;
        }));
        result.PartnerNotes.AddRange(view.PartnerNotes.Select(n => new PartnerNote { MeasureId = n.MeasureId, Note = n.Note }));
        return result;
    }

    private static Edition ToContract(Book.Edition edition, IReadOnlyList<Book.EditionVersion> versions)
    {
        var result = ToContract(edition);
        result.Version = result.LatestVersion = Math.Max(1, versions.Count);
        result.Versions.AddRange(versions.Select(v => new EditionVersion { Number = v.Number, IssuedAt = Timestamp.FromDateTimeOffset(v.IssuedAt), IssuedBy = v.IssuedBy, Reason = v.Reason }));
        return result;
    }

    private static RevisedFigure ToContract(Book.RevisedFigure figure)
    {
        var result = new RevisedFigure
        {
            MeasureId = figure.MeasureId,
            MeasureName = figure.MeasureName,
            AreaCode = figure.Area.Code,
            AreaName = figure.Area.Name,
            Window = figure.Window.ToContract(),
            Published = figure.Text(figure.Published),
            Revised = figure.Text(figure.Revised),
        };
        if (!figure.Published.Withheld && figure.Published.Value is { } before)
        {
            result.PublishedValue = Contracts.Common.V1.DecimalValue.FromDecimal(before);
        }

        if (!figure.Revised.Withheld && figure.Revised.Value is { } after)
        {
            result.RevisedValue = Contracts.Common.V1.DecimalValue.FromDecimal(after);
        }

        return result;
    }

    private static Edition ToContract(Book.Edition edition)
    {
        var result = new Edition
        {
            Id = edition.Id,
            ForceAreaCode = edition.ForceAreaCode,
            Period = PeriodKeys.Parse(edition.PeriodKey).ToContract(),
            Title = edition.Title,
            Notes = edition.Notes,
            State = edition.State switch
            {
                Book.EditionState.Draft => Contracts.Reporting.V1.EditionState.Draft,
                Book.EditionState.SignedOff => Contracts.Reporting.V1.EditionState.SignedOff,
                _ => Contracts.Reporting.V1.EditionState.Published,
            },
            CreatedAt = Time(edition.CreatedAtMs),
            CreatedBy = edition.CreatedBy,
            Version = 1,
            LatestVersion = 1,
            FiguresTakenAt = Time(edition.FiguresTakenAtMs),
            SignedOffBy = edition.SignedOffBy,
        };
        result.Comparisons.AddRange(Book.EditionBook.ComparisonsOf(edition).Select(DeliveryReportMapper.ToContract));
        if (edition.SignedOffAtMs is { } signedOff)
        {
            result.SignedOffAt = Time(signedOff);
        }

        if (edition.EmbargoMs is { } embargo)
        {
            result.Embargo = Time(embargo);
        }

        if (edition.PublishedAtMs is { } publishedAt)
        {
            result.PublishedAt = Time(publishedAt);
        }

        return result;
    }

    private static AuditEntry ToContract(Book.EditionAuditEntry entry) => new()
    {
        Service = Extensions.DatabaseName,
        Outcome = entry.Action switch
        {
            Book.EditionAction.Created => AuditOutcome.EditionCreated,
            Book.EditionAction.Edited => AuditOutcome.EditionEdited,
            Book.EditionAction.SignedOff => AuditOutcome.EditionSignedOff,
            Book.EditionAction.Corrected => AuditOutcome.EditionCorrected,
            _ => AuditOutcome.EditionPublished,
        },
        Agency = entry.Agency,
        Subject = entry.Subject,
        ClientAddress = entry.ClientAddress,
        AreaCode = entry.AreaCode,
        PeriodLabel = entry.PeriodLabel,
        OccurredAt = Time(entry.OccurredAtMs),
        Detail = $"edition {entry.EditionId}: {entry.Detail}",
    };

    private static Timestamp Time(long ms) => Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(ms));
}
