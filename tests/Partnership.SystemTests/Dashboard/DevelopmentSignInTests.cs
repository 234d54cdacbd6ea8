using Microsoft.Playwright;
using Partnership.Domain;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>The local host's development sign-in in Chromium: the browser's session, with no token anywhere.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class DevelopmentSignInTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
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
    public async Task PartnerView_DevelopmentSignIn_ShowsTheTrueFigures()
    {
        var page = await _browser!.Context.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/?period=FY2024/25-Q4&view=partner");

        // No session: the browser is sent to sign in, not refused.
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal("/?period=FY2024/25-Q4&view=partner", Query(page.Url, "ReturnUrl"));
        Assert.Equal("Development sign-in", await page.Locator("h1").InnerTextAsync());

        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.PartnerReader);

        await page.WaitForURLAsync($"{host.HttpAddress}/?period=FY2024/25-Q4&view=partner");
        Assert.Contains("partner view: live figures, not a published edition (true figures)", await page.Locator("header p.sub").InnerTextAsync(), StringComparison.Ordinal);
        var row = page.Locator($"tr[data-measure='crime.total_recorded'][data-area='{WestYorkshire}']");
        Assert.Equal(
            DashboardTests.Thousands(DashboardTests.DemoCountyTotal(Period.Parse("FY2024/25-Q4"))),
            (await row.Locator("td[data-cell='current']").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRefusedAndTheSessionStays()
    {
        var page = await _browser!.Context.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/signin");
        await SignInBrowser.DevelopmentSignInAsync(page, "Bradford CSP", "E08000032", Roles.CspSubmitter);
        await page.WaitForURLAsync($"{host.HttpAddress}/");

        // What another site could make the browser send: the session cookie rides along, the page's token does not.
        var signOut = await page.APIRequest.PostAsync($"{host.HttpAddress}/signout", new APIRequestContextOptions { Form = page.APIRequest.CreateFormData(), MaxRedirects = 0 });
        var form = page.APIRequest.CreateFormData();
        form.Set("agency", "Leeds CSP");
        form.Set("areas", "E08000035");
        form.Set("roles", Roles.CspSubmitter);
        var signIn = await page.APIRequest.PostAsync($"{host.HttpAddress}/signin", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });

        Assert.Equal(400, signOut.Status);
        Assert.Equal(400, signIn.Status);
        await page.GotoAsync($"{host.HttpAddress}/signin");
        Assert.Equal("Bradford CSP", await page.Locator("#agency").InnerTextAsync());
        Assert.Equal("E08000032", await page.Locator("#areas").InnerTextAsync());

        // The page's own form carries the token: signing out works, and the session is gone.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync($"{host.HttpAddress}/");
        await page.GotoAsync($"{host.HttpAddress}/signin");
        Assert.Equal("Development sign-in", await page.Locator("h1").InnerTextAsync());
    }

    internal static string? Query(string url, string name) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)[name];
}
