using System.Globalization;
using Microsoft.Playwright;
using Partnership.Domain;
using Partnership.LocalHost;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>The dashboard in Debian's Chromium, headless, against the local host and its demo data.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class DashboardTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string TotalCrime = "crime.total_recorded";
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _profile = Directory.CreateTempSubdirectory("partnership-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Playwright cannot download its own browser here; it drives the distribution's Chromium with a fresh profile.
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // The partner view needs a partner reader's token.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = TestTokens.Bearer(TestTokens.Trusted()) },
        });
        // Each wait is for an exact state; on a machine whose cores are busy, a page (the browser and
        // the report behind it) can take longer than Playwright's default 30 s to get there.
        _browser.SetDefaultTimeout(120_000);
        _browser.SetDefaultNavigationTimeout(120_000);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    /// <summary>The county's total recorded crime for a quarter, added up from the demo returns themselves.</summary>
    internal static decimal DemoCountyTotal(Period quarter) =>
        DemoData.CrimeReturns(Geography.Load())
            .Where(r => r.Period == quarter && r.AreaCode != WestYorkshire)
            .Sum(r => r.Observations.Single(o => o.MeasureId == TotalCrime).Figure.Value!.Value);

    private static string Tail(string output, int lines) =>
        string.Join(Environment.NewLine, output.Split(Environment.NewLine).TakeLast(lines));

    internal static string Thousands(decimal value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dashboard_DemoData_ShowsTableAndChartWithTheRightNumbersAndSwitchesPeriod()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/?period=FY2024/25-Q4&view=partner");

        var q4 = Period.Parse("FY2024/25-Q4");
        var expected = DemoCountyTotal(q4);
        var row = page.Locator($"tr[data-measure='{TotalCrime}'][data-area='{WestYorkshire}']");
        Assert.Equal(Thousands(expected), (await row.Locator("td[data-cell='current']").InnerTextAsync()).Trim());
        Assert.Equal(Thousands(DemoCountyTotal(Period.Parse("FY2023/24-Q4"))), (await row.Locator("td[data-cell='previous']").InnerTextAsync()).Trim());

        // The chart: the county line has the quarter's figure at full precision, and every district has a line.
        var chart = page.Locator($"svg[data-chart='{TotalCrime}']");
        Assert.True(await chart.IsVisibleAsync());
        var point = chart.Locator($"g[data-area='{WestYorkshire}'] circle[data-window='FY2024/25-Q4']");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await point.GetAttributeAsync("data-value"));
        Assert.Equal(16, await chart.Locator($"g[data-area='{WestYorkshire}'] circle").CountAsync());
        Assert.Equal(5, await chart.Locator("g.district").CountAsync());
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 50 }, "the chart is drawn with a size");

        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, Type = ScreenshotType.Png });
        }

        // Switch period with the filter, as a reader would: the page reloads with the other quarter.
        // The wait is for the other quarter's heading itself, polled across the reload, not for a
        // navigation or load event: a wait for the event can miss one that came first, and on a busy
        // machine Chromium may hold the load event back while it lays out the previous page's charts.
        await page.SelectOptionAsync("#period", "FY2023/24-Q2");
        try
        {
            await Assertions.Expect(page.Locator("#window")).ToHaveTextAsync("FY2023/24-Q2", new() { Timeout = 120_000 });
        }
        catch (PlaywrightException e)
        {
            // Which side stalled: the page's address says whether the browser left the first quarter,
            // and the host's request log whether the request for the other one arrived and was answered.
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe page is at {page.Url}.\nThe host's last output:\n{Tail(host.Exchange.HostOutput, 40)}");
        }

        Assert.Contains("period=FY2023", page.Url, StringComparison.Ordinal);
        Assert.Equal(Thousands(DemoCountyTotal(Period.Parse("FY2023/24-Q2"))), (await row.Locator("td[data-cell='current']").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Dashboard_PublicView_ShowsSmallCountsOfCrimes()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/?period=FY2024/25-Q4");

        // A handful of homicides a quarter per district: crimes identify nobody, so the public sees them.
        var districts = page.Locator("tr.district[data-measure='crime.homicide'] td[data-cell='current']");
        Assert.Equal(5, await districts.CountAsync());
        Assert.All(await districts.AllInnerTextsAsync(), text => Assert.Matches("^[0-9]+$", text.Trim()));
    }

    [Fact]
    public async Task Dashboard_NoPeriod_OpensOnTheLatestCompleteQuarterWithDaysInDays()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/?view=partner");

        // Every demo return of the last quarter is in, so it is the one the dashboard opens on.
        Assert.Equal("FY2024/25-Q4", await page.Locator("#window").InnerTextAsync());
        // An average in days is charted in days: the axis's top and bottom read like "183.8 days", never "183.8%".
        // SVG text has no innerText: its text content is what is drawn.
        var ticks = await page.Locator("svg[data-chart='cjs.days_to_resolution'] text.tick").AllTextContentsAsync();
        Assert.True(ticks.Count >= 2, "the days chart has an axis");
        Assert.All(ticks.Take(2), tick => Assert.Matches(@"^\d[\d,]*\.\d days$", tick));
    }

    [Fact]
    public async Task ReportPdf_PublishedEdition_IsAPdfPrintedByChromiumWithTheForceAndAPagePerSection()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };

        using var response = await http.GetAsync($"{host.HttpAddress}/report.pdf?area={WestYorkshire}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        // Chromium writes the page's title into the document's information, uncompressed.
        Assert.Contains($"/Title (Delivery Quarterly Report: West Yorkshire, Quarter to Mar {DemoEditionSeed.Quarter.End.Year})", text, StringComparison.Ordinal);
        // The summary's themes and the monitoring appendix each start a page.
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"/Count (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages >= 4, $"{pages} pages");
    }
}
