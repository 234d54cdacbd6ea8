using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Audit.V1;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Security;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>
/// Editions of the Delivery Quarterly Report, stored by the aggregator on each provider: drafted,
/// signed off with an embargo, published when the clock reaches it, and never moved by a later revision.
/// </summary>
public abstract partial class EditionsTests : IAsyncLifetime
{
    private const string Quarter = "FY2024/25-Q3";
    private static readonly DateTimeOffset Start = new(2025, 1, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Embargo = Start.AddDays(30);

    private static readonly Metadata Editor = As(TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Roles.OpccEditor]));
    private static readonly Metadata Approver = As(TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Roles.OpccApprover]));
    private static readonly Metadata Reader = As(TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Roles.PartnerReader]));
    private static readonly Metadata Auditor = As(TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Roles.AuditReader]));
    private static readonly Metadata Anyone = As(TestTokens.For("Anyone", [], [Roles.Public]));

    private readonly ManualClock _clock = new(Start);
    private TestStore? _store;
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    private Contracts.Reporting.V1.Editions.EditionsClient Editions => new(Host.Channel);

    private DeliveryReports.DeliveryReportsClient Reports => new(Host.Channel);

    protected abstract TestStore NewStore();

    public async Task InitializeAsync()
    {
        _store = NewStore();
        _host = await StartAsync();
        foreach (var district in WestYorkshireDistricts)
        {
            await SubmitAsync(district, 100);
        }

        await LiveTotalAsync(500);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store?.Dispose();
    }

    [Fact]
    public async Task SignOff_LaterRevision_EditionAndPublicViewKeepTheSignedOffFigures()
    {
        var edition = await CreateAsync();
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) }, Approver);

        await SubmitAsync(Leeds, 900);
        await LiveTotalAsync(1300);
        _clock.Now = Embargo;

        var signedOff = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id, Audience = ReportAudience.Partner }, Reader);
        var published = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);
        var markdown = await Host.CreateHttpClient().GetStringAsync($"/report.md?period={Quarter}");
        Assert.Equal((EditionState.Published, 500m), (signedOff.State, TotalRecorded(signedOff.Report)));
        Assert.Equal(500m, TotalRecorded(published));
        // The public view names its edition and when it was published: at its embargo.
        Assert.Contains($"Public view: edition {edition.Id} \"", markdown, StringComparison.Ordinal);
        Assert.Contains($"published {Embargo.UtcDateTime.ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC.", markdown, StringComparison.Ordinal);
        Assert.Equal((edition.Id, Timestamp.FromDateTimeOffset(Embargo)), (published.Edition.Id, published.Edition.PublishedAt));
        var row = markdown.Split('\n').First(l => l.StartsWith("| Total recorded crime | West Yorkshire |", StringComparison.Ordinal));
        Assert.Contains("| 500 |", row, StringComparison.Ordinal);
        Assert.DoesNotContain("1,300", row, StringComparison.Ordinal);
        Assert.Equal(1300m, TotalRecorded(await Reports.GetDeliveryReportAsync(Request(ReportAudience.Partner), Reader)));
    }

    [Fact]
    public async Task PublicView_ClockReachesTheEmbargo_SwitchesFromNotPublishedToTheEdition()
    {
        var http = Host.CreateHttpClient();
        var before = await Assert.ThrowsAsync<RpcException>(() => Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone).ResponseAsync);
        var page = await http.GetAsync("/");
        Assert.Equal(StatusCode.NotFound, before.StatusCode);
        Assert.Equal(
            (HttpStatusCode.NotFound, true),
            (page.StatusCode, (await page.Content.ReadAsStringAsync()).Contains("No edition of the Delivery Quarterly Report of West Yorkshire has been published yet.", StringComparison.Ordinal)));

        var edition = await CreateAsync();
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) }, Approver);
        _clock.Now = Embargo.AddTicks(-TimeSpan.TicksPerMillisecond);
        var underEmbargo = await Assert.ThrowsAsync<RpcException>(() => Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone).ResponseAsync);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Anyone).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.PermissionDenied), (underEmbargo.StatusCode, hidden.StatusCode));

        _clock.Now = Embargo;
        var published = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);
        var landing = await http.GetStringAsync("/");
        var csv = await http.GetStringAsync("/report.csv");
        Assert.Equal((ReportAudience.Public, 500m), (published.Audience, TotalRecorded(published)));
        Assert.Contains($"public view: edition {edition.Id} &quot;", landing, StringComparison.Ordinal);
        Assert.Contains(Quarter, csv, StringComparison.Ordinal);
        Assert.Equal(EditionState.Published, (await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Anyone)).State);
    }

    [Fact]
    public async Task Roles_EditorCannotSignOffNorApproverCreate_EachDoesItsOwn()
    {
        var approverCreates = await Assert.ThrowsAsync<RpcException>(() => Editions.CreateEditionAsync(Create(), Approver).ResponseAsync);
        var otherForce = await Assert.ThrowsAsync<RpcException>(() => Editions.CreateEditionAsync(
            Create(), As(TestTokens.For("West Mercia OPCC", [WestMercia], [Roles.OpccEditor]))).ResponseAsync);
        var edition = await CreateAsync();
        var signOff = new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) };
        var editorSignsOff = await Assert.ThrowsAsync<RpcException>(() => Editions.SignOffEditionAsync(signOff, Editor).ResponseAsync);

        var signedOff = await Editions.SignOffEditionAsync(signOff, Approver);
        var editAfter = await Assert.ThrowsAsync<RpcException>(() => Editions.EditEditionAsync(new EditEditionRequest { EditionId = edition.Id, Title = "Too late" }, Editor).ResponseAsync);

        Assert.Equal(
            (StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.FailedPrecondition),
            (approverCreates.StatusCode, otherForce.StatusCode, editorSignsOff.StatusCode, editAfter.StatusCode));
        Assert.Equal((EditionState.SignedOff, "West Yorkshire OPCC", Embargo), (signedOff.State, signedOff.SignedOffBy, signedOff.Embargo.ToDateTimeOffset()));
    }

    [Fact]
    public async Task Audit_CreateEditSignOffAndPublication_EachListedOnceAfterARestart()
    {
        var edition = await CreateAsync();
        _clock.Now = Start.AddMinutes(5);
        await Editions.EditEditionAsync(new EditEditionRequest { EditionId = edition.Id, Title = "Q3 report to the Panel", RefreshFigures = true }, Editor);
        _clock.Now = Start.AddMinutes(10);
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id, Embargo = Timestamp.FromDateTimeOffset(Embargo) }, Approver);
        await Host.DisposeAsync();
        _clock.Now = Embargo.AddHours(1);
        _host = await StartAsync();

        var kept = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Anyone);
        var audit = await Editions.ListEditionAuditAsync(new ListAuditEntriesRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25").ToContract() }, Auditor);

        Assert.Equal((EditionState.Published, "Q3 report to the Panel", 500m), (kept.State, kept.Title, TotalRecorded(kept.Report)));
        Assert.Equal(
            [
                (AuditOutcome.EditionCreated, "West Yorkshire OPCC", Start, $"edition {edition.Id}: draft \"Draft\""),
                (AuditOutcome.EditionEdited, "West Yorkshire OPCC", Start.AddMinutes(5), $"edition {edition.Id}: title, figures"),
                (AuditOutcome.EditionSignedOff, "West Yorkshire OPCC", Start.AddMinutes(10), $"edition {edition.Id}: embargo 2025-02-19T09:00:00Z"),
                (AuditOutcome.EditionPublished, "", Embargo, $"edition {edition.Id}: published at its embargo"),
            ],
            audit.Entries.Select(e => (e.Outcome, e.Agency, e.OccurredAt.ToDateTimeOffset(), e.Detail)));
        Assert.All(audit.Entries, e => Assert.Equal((WestYorkshire, Quarter), (e.AreaCode, e.PeriodLabel)));
        var denied = await Assert.ThrowsAsync<RpcException>(() => Editions.ListEditionAuditAsync(new ListAuditEntriesRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25").ToContract() }, Editor).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Revision_AfterPublication_ShownAsRevisedWithOldAndNewValues()
    {
        var edition = await CreateAsync();
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id }, Approver);

        await SubmitAsync(Leeds, 900);
        await LiveTotalAsync(1300);
        var partner = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id, Audience = ReportAudience.Partner }, Reader);
        var anyone = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id }, Anyone);

        Assert.Equal((EditionState.Published, 1, 500m), (partner.State, partner.Version, TotalRecorded(partner.Report)));
        // The rate per 1,000 population is built from the count, so it is revised with it.
        Assert.Equal(
            [
                ("crime.total_recorded", "Total recorded crime", WestYorkshire, Quarter, "500", "1,300"),
                ("crime.total_recorded", "Total recorded crime", Leeds, Quarter, "100", "900"),
                ("crime.total_recorded.per_1000", "Total recorded crime per 1,000 population", WestYorkshire, Quarter, "0.2 per 1,000", "0.5 per 1,000"),
                ("crime.total_recorded.per_1000", "Total recorded crime per 1,000 population", Leeds, Quarter, "0.1 per 1,000", "1.1 per 1,000"),
            ],
            partner.RevisedSincePublication.Select(f => (f.MeasureId, f.MeasureName, f.AreaCode, f.Window.Label, f.Published, f.Revised)));
        Assert.Equal((500m, 1300m), (partner.RevisedSincePublication[0].PublishedValue.ToDecimal(), partner.RevisedSincePublication[0].RevisedValue.ToDecimal()));
        // The public reads the published edition, not the live figures behind it.
        Assert.Equal((500m, 0), (TotalRecorded(anyone.Report), anyone.RevisedSincePublication.Count));
    }

    [Fact]
    public async Task Correct_AfterARevision_NewVersionIsPublicAndEveryVersionStaysReadable()
    {
        var edition = await CreateAsync();
        await Editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = edition.Id }, Approver);
        var nothingRevised = await Assert.ThrowsAsync<RpcException>(() => Editions.CorrectEditionAsync(new CorrectEditionRequest { EditionId = edition.Id, Reason = "No change" }, Approver).ResponseAsync);
        await SubmitAsync(Leeds, 900);
        await LiveTotalAsync(1300);
        var byEditor = await Assert.ThrowsAsync<RpcException>(() => Editions.CorrectEditionAsync(new CorrectEditionRequest { EditionId = edition.Id, Reason = "Leeds resubmitted" }, Editor).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Editions.CorrectEditionAsync(new CorrectEditionRequest { EditionId = edition.Id, Reason = " " }, Approver).ResponseAsync);
        Assert.Equal(
            (StatusCode.FailedPrecondition, StatusCode.PermissionDenied, StatusCode.InvalidArgument),
            (nothingRevised.StatusCode, byEditor.StatusCode, noReason.StatusCode));

        _clock.Now = Start.AddDays(2);
        var corrected = await Editions.CorrectEditionAsync(new CorrectEditionRequest { EditionId = edition.Id, Reason = "Leeds resubmitted its Q3 recorded crime." }, Approver);

        Assert.Equal((2, 2), (corrected.Version, corrected.LatestVersion));
        Assert.Equal(
            [(1, Start, "West Yorkshire OPCC", ""), (2, Start.AddDays(2), "West Yorkshire OPCC", "Leeds resubmitted its Q3 recorded crime.")],
            corrected.Versions.Select(v => (v.Number, v.IssuedAt.ToDateTimeOffset(), v.IssuedBy, v.Reason)));
        var first = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id, Version = 1 }, Anyone);
        var latest = await Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id, Audience = ReportAudience.Partner }, Reader);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Editions.GetEditionAsync(new GetEditionRequest { EditionId = edition.Id, Version = 3 }, Anyone).ResponseAsync);
        Assert.Equal((1, 500m), (first.Version, TotalRecorded(first.Report)));
        Assert.Equal((2, 1300m, 0), (latest.Version, TotalRecorded(latest.Report), latest.RevisedSincePublication.Count));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var published = await Reports.GetDeliveryReportAsync(Request(ReportAudience.Public), Anyone);
        Assert.Equal((1300m, 2, Start.AddDays(2), "Leeds resubmitted its Q3 recorded crime."), (TotalRecorded(published), published.Edition.Version, published.Edition.CorrectedAt.ToDateTimeOffset(), published.Edition.Correction));
        Assert.Equal(
            [
                "Total recorded crime, West Yorkshire, FY2024/25-Q3: 500 → 1,300",
                "Total recorded crime, Leeds, FY2024/25-Q3: 100 → 900",
                "Total recorded crime per 1,000 population, West Yorkshire, FY2024/25-Q3: 0.2 per 1,000 → 0.5 per 1,000",
                "Total recorded crime per 1,000 population, Leeds, FY2024/25-Q3: 0.1 per 1,000 → 1.1 per 1,000",
            ],
            published.Edition.Changes);
        var markdown = (await Host.CreateHttpClient().GetStringAsync($"/report.md?period={Quarter}")).Split('\n');
        Assert.Contains($"Public view: edition {edition.Id} \"Draft\", version 2, corrected on 22 January 2025 09:00 UTC (first published 20 January 2025 09:00 UTC).", markdown[2], StringComparison.Ordinal);
        Assert.Equal(
            "Version 2, corrected on 22 January 2025 09:00 UTC: Leeds resubmitted its Q3 recorded crime. Changed: Total recorded crime, West Yorkshire, FY2024/25-Q3: 500 → 1,300; Total recorded crime, Leeds, FY2024/25-Q3: 100 → 900; "
            + "Total recorded crime per 1,000 population, West Yorkshire, FY2024/25-Q3: 0.2 per 1,000 → 0.5 per 1,000; Total recorded crime per 1,000 population, Leeds, FY2024/25-Q3: 0.1 per 1,000 → 1.1 per 1,000.",
            markdown[4]);

        var audit = await Editions.ListEditionAuditAsync(new ListAuditEntriesRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25").ToContract() }, Auditor);
        var entry = audit.Entries[^1];
        Assert.Equal(
            (AuditOutcome.EditionCorrected, Start.AddDays(2), $"edition {edition.Id}: version 2, 4 figure(s) revised: Leeds resubmitted its Q3 recorded crime."),
            (entry.Outcome, entry.OccurredAt.ToDateTimeOffset(), entry.Detail));
    }

    private Task<ExchangeHost> StartAsync() =>
        ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, new ExchangeOptions
        {
            Store = _store,
            KeepStore = true,
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(_clock),
        });

    private async Task<Edition> CreateAsync() => await Editions.CreateEditionAsync(Create(), Editor);

    private static CreateEditionRequest Create() =>
        new() { ForceAreaCode = WestYorkshire, Period = DomainPeriod.Parse(Quarter).ToContract(), Title = "Draft", Comparisons = { Comparison.PreviousYear } };

    private async Task SubmitAsync(string district, decimal totalCrime)
    {
        var request = new SubmitReturnRequest { AreaCode = district, Period = DomainPeriod.Parse(Quarter).ToContract(), SubmittedBy = district + " CSP" };
        request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = totalCrime, SourceLine = 2 });
        await Host.Crime.SubmitReturnAsync(request);
    }

    private Task<DeliveryReport> LiveTotalAsync(decimal total) =>
        Eventually.WaitForAsync(() => Reports.GetDeliveryReportAsync(Request(ReportAudience.Partner), Reader).ResponseAsync, r => TotalRecorded(r) == total, what: $"the live county total to be {total}");

    private static GetDeliveryReportRequest Request(ReportAudience audience) =>
        new() { ForceAreaCode = WestYorkshire, Period = DomainPeriod.Parse(Quarter).ToContract(), Audience = audience, Comparisons = { Comparison.PreviousYear } };

    private static decimal? TotalRecorded(DeliveryReport report) =>
        report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).First(m => m.MeasureId == "crime.total_recorded")
            .County.Comparisons.Single(c => c.Comparison == Comparison.PreviousYear).Current.Value?.ToDecimal();

    private static Metadata As(string token) => new() { { "authorization", TestTokens.Bearer(token) } };

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

public sealed class EditionsTestsOnSqlite : EditionsTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class EditionsTestsOnPostgres(PostgresFixture postgres) : EditionsTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
