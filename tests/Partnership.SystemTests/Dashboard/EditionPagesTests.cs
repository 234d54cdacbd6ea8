using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Partnership.Domain;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>An edition drafted, commented on and signed off in Chromium through the dashboard's development sign-in.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed partial class EditionPagesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private SignInBrowser? _browser;

    public async Task InitializeAsync() => _browser = await SignInBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task Edition_DraftCommentSignOff_PublicDashboardShowsIt()
    {
        // The demo publishes its last quarter; the quarter before has no edition until this one.
        const string quarter = "FY2024/25-Q3";
        var publicPage = $"{host.HttpAddress}/?area={WestYorkshire}&period={quarter}";
        var page = await _browser!.Context.NewPageAsync();
        var before = await page.GotoAsync(publicPage);
        Assert.Equal(404, before!.Status);

        await page.GotoAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.OpccEditor, Roles.OpccApprover, Roles.PartnerReader);
        await page.WaitForURLAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");

        await page.GetByLabel("Period").FillAsync(quarter);
        await page.GetByLabel("Title").FillAsync("Delivery Quarterly Report, Q3 2024/25");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(EditionPage());
        var id = EditionPage().Match(page.Url).Groups[1].Value;
        Assert.Equal("DRAFT: not published, figures may change", await page.Locator("#state").InnerTextAsync());

        var commentary = page.Locator("div.comment[data-kind='measure'][data-key='crime.total_recorded']").First;
        await commentary.Locator("textarea").FillAsync("Recorded crime stood at {crime.total_recorded.current}.");
        await commentary.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();
        var rendered = $"Recorded crime stood at {DashboardTests.Thousands(DashboardTests.DemoCountyTotal(Period.Parse(quarter)))}.";
        await Assertions.Expect(page.Locator("div.comment[data-kind='measure'][data-key='crime.total_recorded'] p.rendered").First).ToHaveTextAsync(rendered);

        // An empty embargo is now: the edition is published as it is signed off.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        Assert.Equal(0, await page.Locator("#problem").CountAsync());

        var after = await page.GotoAsync(publicPage);
        Assert.Equal(200, after!.Status);
        Assert.Contains($"public view: edition {id} \"Delivery Quarterly Report, Q3 2024/25\", published ", await page.Locator("header p.sub").InnerTextAsync(), StringComparison.Ordinal);
        var note = await page.Locator($"tr[data-measure='crime.total_recorded'][data-area='{WestYorkshire}'] td.note").InnerTextAsync();
        Assert.StartsWith(rendered, note, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/editions/(\d+)$")]
    private static partial Regex EditionPage();
}
