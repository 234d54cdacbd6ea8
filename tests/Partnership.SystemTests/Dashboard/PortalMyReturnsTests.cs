using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>"Your returns" in Chromium: a CSP uploads a return, resubmits a change, and sees both revisions with who sent them.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortalMyReturnsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Service = "/portal/crime-measures";
    private const string Period = "FY2024/25-Q3";

    private PortalBrowser? _browser;

    public async Task InitializeAsync() => _browser = await PortalBrowser.LaunchAsync(host.HttpAddress);

    public Task DisposeAsync() => _browser?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task MyReturns_AfterUploadAndResubmission_ShowsBothRevisionsWithTheSubmitter()
    {
        var page = await _browser!.SignedInAsync("Leeds CSP", Leeds, Roles.CspSubmitter);
        var first = await UploadAsync(page, ("crime.total_recorded", 1000), ("crime.homicide", 3));
        var second = await UploadAsync(page, ("crime.total_recorded", 1100), ("crime.homicide", 3));
        Assert.Equal(first + 1, second);

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Your returns" }).ClickAsync();
        await page.WaitForURLAsync($"{host.HttpAddress}{Service}/returns");
        var table = page.Locator($"section[data-area='{Leeds}'][data-period='{Period}'] table");
        Assert.Equal($"Revisions of {Leeds} {Period}, newest first", await table.Locator("caption").InnerTextAsync());
        var newest = table.Locator($"tr[data-revision='{second}']");
        var older = table.Locator($"tr[data-revision='{first}']");
        Assert.Equal("Leeds CSP (development sign-in: Leeds CSP)", await newest.Locator("[data-cell='by']").InnerTextAsync());
        Assert.Equal("Leeds CSP (development sign-in: Leeds CSP)", await older.Locator("[data-cell='by']").InnerTextAsync());
        Assert.Equal("2", await newest.Locator("[data-cell='figures']").InnerTextAsync());
        Assert.Equal("changed crime.total_recorded", await newest.Locator("[data-cell='changes']").InnerTextAsync());

        // The newer revision reaches the report through the outbox: reload until it has gone, not for a while.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string reached;
        while ((reached = await newest.Locator("[data-cell='report']").InnerTextAsync()) != "sent; current" && DateTime.UtcNow < deadline)
        {
            await page.ReloadAsync();
        }

        Assert.Equal("sent; current", reached);
        Assert.Equal("sent; superseded", await older.Locator("[data-cell='report']").InnerTextAsync());
    }

    [Fact]
    public async Task MyReturns_AnotherAreasReturns_AreNotShown()
    {
        var leeds = await _browser!.SignedInAsync("Leeds CSP", Leeds, Roles.CspSubmitter);
        await UploadAsync(leeds, ("crime.total_recorded", 900));
        await using var other = await PortalBrowser.LaunchAsync(host.HttpAddress);
        var page = await other.SignedInAsync("Wakefield CSP", Wakefield, Roles.CspSubmitter);

        await page.GotoAsync($"{host.HttpAddress}{Service}/returns");

        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Your crime-measures returns", Level = 1 }).CountAsync());
        Assert.Equal(0, await page.Locator($"section[data-area='{Leeds}']").CountAsync());
        var areas = await page.Locator("section.return").EvaluateAllAsync<string[]>("sections => sections.map(s => s.dataset.area)");
        Assert.All(areas, area => Assert.Equal(Wakefield, area));
    }

    /// <summary>Uploads a CSV return for the signed-in CSP's area and answers the revision it was stored as.</summary>
    private async Task<int> UploadAsync(IPage page, params (string Measure, decimal Value)[] figures)
    {
        await page.GotoAsync($"{host.HttpAddress}{Service}/upload");
        var area = await page.GetByLabel("Area").Locator("option").Nth(1).InnerTextAsync();
        var csv = new StringBuilder("measure,area,period,value,numerator,denominator\n");
        foreach (var (measure, value) in figures)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{measure},{area},{Period},{value},,\n");
        }

        await PortalBrowser.UploadAsync(page, PortalBrowser.Csv("return.csv", csv.ToString()));
        return int.Parse(await page.Locator("#revision").InnerTextAsync(), CultureInfo.InvariantCulture);
    }
}
