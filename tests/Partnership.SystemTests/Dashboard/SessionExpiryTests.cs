using Partnership.Security;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>A session past its absolute lifetime, on a local host (no demo data) whose sessions last seconds.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private BrowserOnHost? _run;

    // Idle for long, but over ten seconds after sign-in however busy: the absolute limit is what ends it.
    public async Task InitializeAsync() => _run = await BrowserOnHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth__Browser__IdleTimeout"] = "01:00:00",
        ["Auth__Browser__AbsoluteTimeout"] = "00:00:10",
    });

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    [Fact]
    public async Task PartnerView_SessionPastItsAbsoluteLifetime_IsSentBackToSignIn()
    {
        var page = await _run!.Browser.Context.NewPageAsync();
        var partnerView = $"{_run.Host.HttpUrl}/?view=partner";
        await page.GotoAsync(partnerView);
        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.PartnerReader);
        await page.WaitForURLAsync(partnerView);
        Assert.Contains(await _run.Browser.Context.CookiesAsync(), c => c.Name == "partnership.session");

        // Each read uses the session, which a sliding lifetime alone would keep renewing.
        await Eventually.WaitForAsync(
            async () => (await page.GotoAsync(partnerView), page.Url).Url,
            url => new Uri(url).AbsolutePath == "/signin",
            TimeSpan.FromMinutes(1),
            "the session to end");

        Assert.Equal("/?view=partner", DevelopmentSignInTests.Query(page.Url, "ReturnUrl"));
        Assert.Equal("Development sign-in", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain(await _run.Browser.Context.CookiesAsync(), c => c.Name == "partnership.session");
    }
}
