using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Audit.V1;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>
/// The editor's commentary on an edition: placeholders rendered from the edition's own figures, stale
/// when a cited figure moves, a sign-off with stale commentary only with a recorded override, and
/// publication by the approver before the embargo.
/// </summary>
public abstract partial class EditionsTests
{
    private const string YearEarlier = "FY2023/24-Q3";
    private const string Measure = "crime.total_recorded";

    [Fact]
    public async Task Comment_Placeholders_RenderedFromTheEditionsFiguresIntoEveryOutput()
    {
        await PreviousYearAsync();
        await SubmitAsync(Leeds, Quarter, 100, "New recording system from October");
        await Eventually.WaitForAsync(() => Reports.GetDeliveryReportAsync(Request(ReportAudience.Partner), Reader).ResponseAsync,
            r => TotalRecordedRow(r).Comment.Length > 0, what: "the partners' note in the live report");
        var edition = await CreateAsync();

        var commented = await CommentAsync(edition.Id, CommentaryKind.Measure, Measure,
            "Total recorded crime was {crime.total_recorded.current}, {crime.total_recorded.change_pct} ({crime.total_recorded.change}) on {crime.total_recorded.previous}: {crime.total_recorded.direction}, {{not a placeholder}}.");
        await CommentAsync(edition.Id, CommentaryKind.Section, "safer-places", "Crime is {crime.total_recorded.direction} than a year ago.");
        var draft = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Editor);

        const string rendered = "Total recorded crime was 500, -8.9% (-49) on 549: lower, {not a placeholder}.";
        Assert.Equal([(CommentaryKind.Measure, Measure, rendered)], commented.Commentary.Select(c => (c.Kind, c.Key, c.Rendered)));
        Assert.Equal(
            [(CommentaryKind.Measure, Measure, rendered, 0), (CommentaryKind.Section, "safer-places", "Crime is lower than a year ago.", 0)],
            draft.Commentary.Select(c => (c.Kind, c.Key, c.Rendered, c.Stale.Count)));
        Assert.Equal(rendered, TotalRecordedRow(draft.Report).Comment);
        Assert.Equal([(Measure, "Leeds: New recording system from October")], draft.PartnerNotes.Select(n => (n.MeasureId, n.Note)));

        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id }, Approver);
        await SubmitAsync(Leeds, Quarter, 900);
        await LiveTotalAsync(1300);
        var markdown = await Host.CreateHttpClient().GetStringAsync($"/report.md?period={Quarter}");
        var row = markdown.Split('\n').First(l => l.StartsWith("| Total recorded crime | West Yorkshire |", StringComparison.Ordinal));
        Assert.EndsWith($"| {rendered} |", row, StringComparison.Ordinal);
        Assert.Contains("### Safer places and thriving communities\n\nCrime is lower than a year ago.\n", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<p class=\"commentary\">Crime is lower than a year ago.</p>", await Host.CreateHttpClient().GetStringAsync($"/?period={Quarter}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_UnknownPlaceholders_RefusedNamingEach()
    {
        var edition = await CreateAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Editions.CommentOnEditionAsync(new CommentOnEditionRequest
        {
            EditionId = edition.Id,
            Kind = CommentaryKind.Measure,
            Key = Measure,
            Text = "Down {crime.total_recorded.chnage_pct}, {crime.nonsense.current}, {crime.total_recorded.current@year-to-date}.",
        }, Editor).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(
            "Unknown placeholder {crime.total_recorded.chnage_pct}: 'chnage_pct' is not a field; the fields are current, previous, change, change_pct, direction. "
            + "Unknown placeholder {crime.nonsense.current}: 'crime.nonsense' is not a measure of this edition. "
            + "Unknown placeholder {crime.total_recorded.current@year-to-date}: this edition does not hold the year-to-date comparison; it holds previous-year.",
            refused.Status.Detail);
        Assert.Empty((await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Editor)).Commentary);
    }

    [Fact]
    public async Task Stale_LaterRevision_FlaggedWithOldAndNewValues_SignOffOnlyWithTheOverrideRecorded()
    {
        var edition = await CreateAsync();
        await CommentAsync(edition.Id, CommentaryKind.Measure, Measure, "Total recorded crime was {crime.total_recorded.current}.");

        await SubmitAsync(Leeds, Quarter, 900);
        await LiveTotalAsync(1300);
        var afterRevision = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Editor);
        await Editions.EditEditionAsync(new EditEditionRequest { EditionId = edition.Id, RefreshFigures = true }, Editor);
        var afterRefresh = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Editor);
        var signOff = new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) };
        var refused = await Assert.ThrowsAsync<RpcException>(() => Editions.SignOffEditionAsync(signOff, Approver).ResponseAsync);
        signOff.StaleCommentaryOverride = "The Panel asked for the figures as first reported";
        var signedOff = await Editions.SignOffEditionAsync(signOff, Approver);
        var audit = await Editions.ListEditionAuditAsync(new ListAuditEntriesRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25").ToContract() }, Auditor);

        // Before the refresh the draft still shows 500 and the live figure is 1,300; after it, the draft does.
        Assert.Equal([("crime.total_recorded.current", "500", "1,300")], afterRevision.Commentary.Single().Stale.Select(s => (s.Placeholder, s.Cited, s.Now)));
        Assert.Equal("Total recorded crime was 500.", afterRevision.Commentary.Single().Rendered);
        Assert.Equal([("crime.total_recorded.current", "500", "1,300")], afterRefresh.Commentary.Single().Stale.Select(s => (s.Placeholder, s.Cited, s.Now)));
        Assert.Equal("Total recorded crime was 1,300.", afterRefresh.Commentary.Single().Rendered);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(
            $"Edition {edition.Id} has stale commentary: measure crime.total_recorded cites {{crime.total_recorded.current}} as 500, now 1,300. Rewrite it, or sign off with an override giving the reason.",
            refused.Status.Detail);
        Assert.Equal(EditionState.SignedOff, signedOff.State);
        Assert.Equal(
            [
                $"edition {edition.Id}: draft \"Draft\"",
                $"edition {edition.Id}: commentary on measure crime.total_recorded",
                $"edition {edition.Id}: figures",
                $"edition {edition.Id}: embargo 2025-02-19T09:00:00Z; stale commentary overridden (crime.total_recorded): The Panel asked for the figures as first reported",
            ],
            audit.Entries.Select(e => e.Detail));
    }

    [Fact]
    public async Task Stale_CommentaryWrittenAgainAfterTheRefresh_IsCurrentAndSignsOffWithoutOverride()
    {
        var edition = await CreateAsync();
        const string text = "Total recorded crime was {crime.total_recorded.current}.";
        await CommentAsync(edition.Id, CommentaryKind.Measure, Measure, text);
        await SubmitAsync(Leeds, Quarter, 900);
        await LiveTotalAsync(1300);
        await Editions.EditEditionAsync(new EditEditionRequest { EditionId = edition.Id, RefreshFigures = true }, Editor);

        var rewritten = await CommentAsync(edition.Id, CommentaryKind.Measure, Measure, text);
        var signedOff = await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id }, Approver);
        var published = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);

        Assert.Equal(("Total recorded crime was 1,300.", 0), (rewritten.Commentary.Single().Rendered, rewritten.Commentary.Single().Stale.Count));
        Assert.Equal(EditionState.Published, signedOff.State);
        Assert.Equal("Total recorded crime was 1,300.", TotalRecordedRow(published).Comment);
    }

    [Fact]
    public async Task Publish_SignedOffUnderEmbargo_PublishedNowByTheApproverOnly_Audited()
    {
        var edition = await CreateAsync();
        var early = await Assert.ThrowsAsync<RpcException>(() => Editions.PublishEditionAsync(new PublishEditionRequest { EditionId = edition.Id }, Approver).ResponseAsync);
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) }, Approver);
        var byEditor = await Assert.ThrowsAsync<RpcException>(() => Editions.PublishEditionAsync(new PublishEditionRequest { EditionId = edition.Id }, Editor).ResponseAsync);
        _clock.Now = Start.AddHours(1);

        var published = await Editions.PublishEditionAsync(new PublishEditionRequest { EditionId = edition.Id }, Approver);
        var again = await Assert.ThrowsAsync<RpcException>(() => Editions.PublishEditionAsync(new PublishEditionRequest { EditionId = edition.Id }, Approver).ResponseAsync);
        var report = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);
        var audit = await Editions.ListEditionAuditAsync(new ListAuditEntriesRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25").ToContract() }, Auditor);

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.PermissionDenied, StatusCode.FailedPrecondition), (early.StatusCode, byEditor.StatusCode, again.StatusCode));
        Assert.Equal((EditionState.Published, Embargo, Start.AddHours(1)), (published.State, published.Embargo.ToDateTimeOffset(), published.PublishedAt.ToDateTimeOffset()));
        Assert.Equal((edition.Id, Start.AddHours(1), 500m), (report.Edition.Id, report.Edition.PublishedAt.ToDateTimeOffset(), TotalRecorded(report)));
        var last = audit.Entries[^1];
        Assert.Equal(
            (AuditOutcome.EditionPublished, "West Yorkshire OPCC", Start.AddHours(1), $"edition {edition.Id}: published by the approver before its embargo 2025-02-19T09:00:00Z"),
            (last.Outcome, last.Agency, last.OccurredAt.ToDateTimeOffset(), last.Detail));
    }

    [Fact]
    public async Task Publish_EarlyThenAnotherAtOnce_PublicViewShowsTheOnePublishedLast()
    {
        var early = await CreateAsync();
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = early.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) }, Approver);
        _clock.Now = Start.AddHours(1);
        await Editions.PublishEditionAsync(new PublishEditionRequest { EditionId = early.Id }, Approver);
        var later = await CreateAsync();
        _clock.Now = Start.AddHours(2);

        var atOnce = await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = later.Id }, Approver);
        var report = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);

        Assert.Equal(EditionState.Published, atOnce.State);
        Assert.Equal((later.Id, Start.AddHours(2)), (report.Edition.Id, report.Edition.PublishedAt.ToDateTimeOffset()));
    }

    private Task<Edition> CommentAsync(long id, CommentaryKind kind, string key, string text) =>
        Editions.CommentOnEditionAsync(new CommentOnEditionRequest { EditionId = id, Kind = kind, Key = key, Text = text }, Editor).ResponseAsync;

    // 549 a year earlier against 500 now: -49, -8.9%.
    private async Task PreviousYearAsync()
    {
        foreach (var district in WestYorkshireDistricts)
        {
            await SubmitAsync(district, YearEarlier, district == Leeds ? 109 : 110);
        }

        await Eventually.WaitForAsync(() => Reports.GetDeliveryReportAsync(Request(ReportAudience.Partner), Reader).ResponseAsync,
            r => TotalRecordedRow(r).County.Comparisons.Single().Previous.Value?.ToDecimal() == 549m, what: "the year-earlier county total to be 549");
    }

    private async Task SubmitAsync(string district, string period, decimal totalCrime, string note = "")
    {
        var request = new SubmitReturnRequest { AreaCode = district, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = district + " CSP" };
        request.Observations.Add(new ObservationInput { MeasureId = Measure, Value = totalCrime, SourceLine = 2, Note = note });
        await Host.Crime.SubmitReturnAsync(request);
    }

    private static ReportMeasure TotalRecordedRow(DeliveryReport report) =>
        report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).First(m => m.MeasureId == Measure);
}
