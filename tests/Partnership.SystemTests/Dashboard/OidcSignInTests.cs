using Microsoft.Playwright;
using Partnership.Testing;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// Browser sign-in at a real OpenID Connect provider (<see cref="TestIdentityProvider"/>, in this
/// process): the local host, given the provider as its authority and no development issuer, sends the
/// browser there with a PKCE challenge, redeems the code with the verifier and its secret, and keeps
/// the identity token's claims in its session.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly TestStore _store = TestStore.Sqlite();
    private TestIdentityProvider? _provider;
    private LocalExchange? _host;
    private SignInBrowser? _browser;

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync();
        _host = await LocalExchange.StartAsync(_store, seedDemoData: false, new Dictionary<string, string?>
        {
            ["Auth__DevelopmentIssuer__Enabled"] = "false",
            ["Auth__Browser__DevelopmentSignIn"] = "false",
            ["Auth__Authority"] = _provider.Authority,
            ["Auth__Audience"] = "partnership-exchange",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Auth__Browser__ClientId"] = TestIdentityProvider.ClientId,
            ["Auth__Browser__ClientSecret"] = TestIdentityProvider.ClientSecret,
        });
        _browser = await SignInBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _store.Dispose();
    }

    [Fact]
    public async Task PartnerView_SignInAtTheIdentityProvider_SessionHoldsTheProvidersClaims()
    {
        var page = await _browser!.Context.NewPageAsync();
        var partnerView = $"{_host!.HttpUrl}/?view=partner";
        await page.GotoAsync(partnerView);

        // At the provider's sign-in page, sent with an S256 challenge and the exchange's client id.
        Assert.StartsWith(_provider!.Authority + "connect/authorize", page.Url, StringComparison.Ordinal);
        Assert.Equal("S256", DevelopmentSignInTests.Query(page.Url, "code_challenge_method"));
        Assert.Equal(43, DevelopmentSignInTests.Query(page.Url, "code_challenge")?.Length);
        Assert.Equal(TestIdentityProvider.ClientId, DevelopmentSignInTests.Query(page.Url, "client_id"));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Sign in as {TestIdentityProvider.Subject}" }).ClickAsync();

        await page.WaitForURLAsync(partnerView);
        await page.GotoAsync($"{_host.HttpUrl}/signin");
        Assert.Equal("Signed in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(TestIdentityProvider.Agency, await page.Locator("#agency").InnerTextAsync());
        Assert.Equal(string.Join(" ", TestIdentityProvider.Areas), await page.Locator("#areas").InnerTextAsync());
        Assert.Equal(string.Join(" ", TestIdentityProvider.Roles.Order(StringComparer.Ordinal)), await page.Locator("#roles").InnerTextAsync());
    }
}
