using Microsoft.Playwright;
using Partnership.Returns;
using Partnership.Security;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// The return calendar in Chromium, on a local host whose clock starts on Friday 1 August 2025: the
/// crime measures returns for FY2025/26-Q1 were due on Monday 21 July, nine working days before.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortalCalendarTests(PortalCalendarTests.LateHost host) : IClassFixture<PortalCalendarTests.LateHost>, IAsyncLifetime
{
    private const string Quarter = "FY2025/26-Q1";
    private const string Calendar = "/portal/calendar?period=" + Quarter;

    private PortalBrowser? _browser;

    public async Task InitializeAsync() => _browser = await PortalBrowser.LaunchAsync(host.HttpAddress);

    public Task DisposeAsync() => _browser?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task Calendar_AfterALateReturn_ShowsItReceivedLateAndTheOthersOverdue()
    {
        var page = await _browser!.Context.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}{Calendar}");
        await SignInBrowser.DevelopmentSignInAsync(page, "Bradford CSP", Bradford, Roles.CspSubmitter);
        await AtCalendarAsync(page);
        Assert.Equal(("2025-07-21", "overdue", "9"), await RowAsync(page.Locator("#returns"), "crime-measures", Bradford));

        await page.GotoAsync($"{host.HttpAddress}/portal/crime-measures/upload");
        await PortalBrowser.UploadAsync(page, PortalBrowser.Csv("bradford.csv", $"{string.Join(',', ReturnColumns.Template)}\ncrime.total_recorded,{Bradford},{Quarter},12345,,,,\n"));
        Assert.Equal("1", await page.Locator("#revision").InnerTextAsync());

        await page.GotoAsync($"{host.HttpAddress}{Calendar}");
        var returns = page.Locator("#returns");
        Assert.Equal(("2025-07-21", "received late", "9"), await RowAsync(returns, "crime-measures", Bradford));
        // The CSP sees its own district's returns only: safeguarding's is due 20 working days on, Monday 28 July.
        Assert.Equal(("2025-07-28", "overdue", "4"), await RowAsync(returns, "safeguarding", Bradford));
        Assert.Equal(2, await returns.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("table.chase").CountAsync());

        // The OPCC's analyst, in the same browser after the CSP's session has gone.
        await _browser.Context.ClearCookiesAsync();
        await page.GotoAsync($"{host.HttpAddress}{Calendar}");
        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.OpccEditor);
        await AtCalendarAsync(page);
        Assert.Equal(("2025-07-21", "received late", "9"), await RowAsync(page.Locator("#returns"), "crime-measures", Bradford));
        Assert.Equal(("2025-07-21", "overdue", "9"), await RowAsync(page.Locator("#returns"), "crime-measures", Calderdale));
        var chase = page.Locator($"table.chase[data-force='{WestYorkshire}']");
        Assert.Equal(("2025-07-21", "overdue", "9"), await RowAsync(chase, "crime-measures", Calderdale));
        Assert.Equal(0, await chase.Locator($"tr[data-service='crime-measures'][data-area='{Bradford}']").CountAsync());
        // Crime measures and safeguarding expect the five districts and the force, victim services and the
        // justice board the force: fourteen returns, less the one received.
        Assert.Equal(13, await chase.Locator("tbody tr").CountAsync());

        var link = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Download the chase list as CSV" });
        Assert.Equal($"/v1/status/chase.csv?area={WestYorkshire}&period=FY2025%2F26-Q1", await link.GetAttributeAsync("href"));
        var csv = await page.APIRequest.GetAsync($"{host.HttpAddress}{await link.GetAttributeAsync("href")}");
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains($"{Calderdale},Calderdale,crime-measures,,{Quarter},2025-07-21,overdue,9", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith($"{Bradford},Bradford,crime-measures,", StringComparison.Ordinal));
    }

    // The sign-in sends the browser back to the page it asked for (its period query escaped).
    private static async Task AtCalendarAsync(IPage page)
    {
        await page.WaitForURLAsync(url => url.Contains("/portal/calendar?period=", StringComparison.Ordinal));
        Assert.Equal("Return calendar", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(Quarter, await page.GetByLabel("Period", new PageGetByLabelOptions { Exact = false }).InputValueAsync());
    }

    /// <summary>The due date (as its ISO date), state and working days late of one service's return for an area.</summary>
    private static async Task<(string Due, string State, string Days)> RowAsync(ILocator table, string service, string area)
    {
        var row = table.Locator($"tr[data-service='{service}'][data-area='{area}']");
        return (
            await row.Locator("td[data-cell='due'] time").GetAttributeAsync("datetime") ?? "",
            (await row.Locator("td[data-cell='state']").InnerTextAsync()).Trim(),
            (await row.Locator("td[data-cell='days']").InnerTextAsync()).Trim());
    }

    /// <summary>The local host, without demo data, its clock started at 10:00 in London on Friday 1 August 2025.</summary>
    public sealed class LateHost : IAsyncLifetime
    {
        private readonly TestStore _store = TestStore.Sqlite();
        private LocalExchange? _exchange;

        public string HttpAddress => _exchange?.HttpUrl ?? throw new InvalidOperationException("The local host has not started.");

        public async Task InitializeAsync() =>
            _exchange = await LocalExchange.StartAsync(_store, seedDemoData: false, new Dictionary<string, string?> { ["Clock__Start"] = "2025-08-01T09:00:00Z" });

        public async Task DisposeAsync()
        {
            if (_exchange is not null)
            {
                await _exchange.DisposeAsync();
            }

            _store.Dispose();
        }
    }
}
