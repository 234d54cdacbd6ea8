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
