using System.Net;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>The dashboard's HTTP endpoints over returns that went through the crime measures service to the aggregator.</summary>
public sealed class DashboardEndpointsTests : IAsyncLifetime
{
    private static readonly string[] Districts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    private readonly TestStore _store = TestStore.Sqlite();
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, _store);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store.Dispose();
    }

    private async Task SubmitAsync(string area, string period, decimal totalCrime)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = area + " CSP" };
        request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = totalCrime, SourceLine = 2 });
        await Host.Crime.SubmitReturnAsync(request);
    }

    /// <summary>Waits until the aggregator holds a figure from each of the given districts for the quarter.</summary>
    private Task WhenReceivedAsync(string period, params string[] districts) =>
        Eventually.WaitForAsync(
            () => new Contracts.Reporting.V1.Reporting.ReportingClient(Host.Channel).ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse(period).ToContract() }).ResponseAsync,
            r => districts.All(d => r.Returns.Any(x => x.AreaCode == d)),
            what: $"the aggregator to receive {period}");

    [Fact]
    public async Task Dashboard_OneEarlyReturnForANewQuarter_OpensOnTheLastCompleteQuarter()
    {
        foreach (var district in Districts)
        {
            await SubmitAsync(district, "FY2024/25-Q3", 1_000);
        }

        await SubmitAsync(Leeds, "FY2024/25-Q4", 1_100);
        await WhenReceivedAsync("FY2024/25-Q3", Districts);
        await WhenReceivedAsync("FY2024/25-Q4", Leeds);
        // The landing quarter is chosen among the live figures, which readers see (the public sees editions).
        using var http = Host.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Security.Roles.PartnerReader]));

        var page = await http.GetStringAsync("/?view=partner");

        Assert.Contains("<span id=\"window\">FY2024/25-Q3</span>", page, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"current\" data-value=\"5000\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportMarkdownAndCsv_District_ShowOnlyThatDistrictAndAnUnknownOneIsRefused()
    {
        foreach (var (district, i) in Districts.Select((d, i) => (d, i)))
        {
            await SubmitAsync(district, "FY2024/25-Q3", 1_000 + (i * 1_000));
        }

        await WhenReceivedAsync("FY2024/25-Q3", Districts);
        var edition = await EditionPublisher.PublishAsync(Host.Channel, WestYorkshire, "FY2024/25-Q3");
        using var http = Host.CreateHttpClient();

        var markdown = await http.GetStringAsync($"/report.md?period=FY2024/25-Q3&district={Leeds}");
        var csv = await http.GetStringAsync($"/report.csv?period=FY2024/25-Q3&district={Leeds}");
        var unknown = await http.GetAsync("/report.md?period=FY2024/25-Q3&district=E08000099");

        Assert.Contains("| Total recorded crime | Leeds | n/a | 4,000 |", markdown, StringComparison.Ordinal);
        // The public view says which edition it is, as a reader quotes it.
        Assert.Contains($"Public view: edition {edition.Id} \"FY2024/25-Q3 (test edition)\", published ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Bradford |", markdown, StringComparison.Ordinal);
        Assert.Contains($",crime.total_recorded,Total recorded crime,count,sum,{Leeds},Leeds,district,previous-year,FY2024/25-Q3,4000,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain($",{Bradford},Bradford,", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var body = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("'E08000099' is not a district of West Yorkshire", body, StringComparison.Ordinal);
        Assert.Contains($"{Bradford} (Bradford), {Calderdale} (Calderdale), {Kirklees} (Kirklees), {Leeds} (Leeds), {Wakefield} (Wakefield)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ForcePicker_ListsEveryForceAndOpensOneWithoutAPlanOnTheCoreMeasures()
    {
        // Cleveland has no plan loaded: its two districts' returns show under the national core measures.
        const string force = "E23000013";
        await SubmitAsync("E06000001", "FY2024/25-Q3", 700);
        await SubmitAsync("E06000002", "FY2024/25-Q3", 1_300);
        await WhenReceivedAsync("FY2024/25-Q3", "E06000001", "E06000002");
        await EditionPublisher.PublishAsync(Host.Channel, force, "FY2024/25-Q3");
        using var http = Host.CreateHttpClient();

        var cleveland = await http.GetStringAsync($"/?area={force}&period=FY2024/25-Q3");

        Assert.Contains("<select name=\"area\" id=\"area\">", cleveland, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{force}\" selected>Cleveland (core measures)</option>", cleveland, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{WestYorkshire}\">West Yorkshire</option>", cleveland, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{WestMercia}\">West Mercia</option>", cleveland, StringComparison.Ordinal);
        Assert.Equal(43, cleveland.Split("<option value=\"E23", StringSplitOptions.None).Length - 1 + (cleveland.Split("<option value=\"W15", StringSplitOptions.None).Length - 1));
        Assert.Contains("National core measures", cleveland, StringComparison.Ordinal);
        // 700 + 1,300: the county figure of a force without a plan is added up like any other.
        Assert.Contains("data-cell=\"current\" data-value=\"2000\"", cleveland, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_NothingPublishedForTheForce_SaysSoAndOffersTheForcePicker()
    {
        using var http = Host.CreateHttpClient();

        var response = await http.GetAsync($"/?area={WestMercia}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(
            "<p id=\"not-published\">No edition of the Delivery Quarterly Report of West Mercia has been published yet. The public view shows published editions only; partners with a reader role see the live figures.</p>",
            page, StringComparison.Ordinal);
        Assert.Contains("<form id=\"force\" method=\"get\" action=\"/\"><label>Force <select name=\"area\" id=\"area\">", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{WestMercia}\" selected>West Mercia</option>", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{WestYorkshire}\">West Yorkshire</option>", page, StringComparison.Ordinal);
        Assert.Equal(43, page.Split("<option value=\"E23", StringSplitOptions.None).Length - 1 + (page.Split("<option value=\"W15", StringSplitOptions.None).Length - 1));
    }
}
