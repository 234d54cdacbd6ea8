using Microsoft.Playwright;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// Debian's Chromium, headless, with a fresh context and no token: whatever the pages show comes from
/// the sign-in the test drives, held in the context's cookies.
/// </summary>
public sealed class SignInBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private SignInBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<SignInBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Exact states are waited for; on busy cores a page can take longer than Playwright's default.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return new SignInBrowser(playwright, browser, context);
    }

    /// <summary>Fills the local host's development sign-in page the browser is on, and submits it.</summary>
    public static async Task DevelopmentSignInAsync(IPage page, string agency, string areas, params string[] roles)
    {
        await page.GetByLabel("Agency").FillAsync(agency);
        await page.GetByLabel("Areas").FillAsync(areas);
        foreach (var role in roles)
        {
            await page.GetByLabel(role, new PageGetByLabelOptions { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
