using System.Text;
using Microsoft.Playwright;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// A <see cref="SignInBrowser"/> on one local host's partner portal: the portal's tests sign partners in
/// and upload returns the same way, so that a change to the portal's sign-in or upload form is made once.
/// </summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    private readonly SignInBrowser _browser;

    private PortalBrowser(SignInBrowser browser, string hostAddress)
    {
        _browser = browser;
        HostAddress = hostAddress;
    }

    public string HostAddress { get; }

    public IBrowserContext Context => _browser.Context;

    public static async Task<PortalBrowser> LaunchAsync(string hostAddress) => new(await SignInBrowser.LaunchAsync(), hostAddress);

    /// <summary>A new page, signed in through the development sign-in the portal sends it to, and back on the portal's index.</summary>
    public async Task<IPage> SignedInAsync(string agency, string areas, params string[] roles)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync($"{HostAddress}/portal");
        await SignInBrowser.DevelopmentSignInAsync(page, agency, areas, roles);
        await page.WaitForURLAsync($"{HostAddress}/portal");
        return page;
    }

    /// <summary>
    /// Chooses the file on the upload page the browser is on (its other fields already filled), sends it,
    /// and waits for the answer: the problems found, or what was stored.
    /// </summary>
    public static async Task UploadAsync(IPage page, FilePayload file)
    {
        await page.GetByLabel("Return (CSV or Excel workbook)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Upload" }).ClickAsync();
        await page.Locator("#problems, #accepted").WaitForAsync();
    }

    public static FilePayload Csv(string name, string csv) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };

    public ValueTask DisposeAsync() => _browser.DisposeAsync();
}
