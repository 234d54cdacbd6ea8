using Microsoft.Playwright;

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
    private TestIdentityProvider? _provider;
    private BrowserOnHost? _run;

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync();
        _run = await BrowserOnHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth__DevelopmentIssuer__Enabled"] = "false",
            ["Auth__Browser__DevelopmentSignIn"] = "false",
            ["Auth__Authority"] = _provider.Authority,
            ["Auth__Audience"] = "partnership-exchange",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Auth__Browser__ClientId"] = TestIdentityProvider.ClientId,
            ["Auth__Browser__ClientSecret"] = TestIdentityProvider.ClientSecret,
        });
    }

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task PartnerView_SignInAtTheIdentityProvider_SessionHoldsTheProvidersClaims()
    {
        var page = await _run!.Browser.Context.NewPageAsync();
        var partnerView = $"{_run.Host.HttpUrl}/?view=partner";
        await page.GotoAsync(partnerView);

        // At the provider's sign-in page, sent with an S256 challenge and the exchange's client id.
        Assert.StartsWith(_provider!.Authority + "connect/authorize", page.Url, StringComparison.Ordinal);
        Assert.Equal("S256", DevelopmentSignInTests.Query(page.Url, "code_challenge_method"));
        Assert.Equal(43, DevelopmentSignInTests.Query(page.Url, "code_challenge")?.Length);
        Assert.Equal(TestIdentityProvider.ClientId, DevelopmentSignInTests.Query(page.Url, "client_id"));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Sign in as {TestIdentityProvider.Subject}" }).ClickAsync();

        await page.WaitForURLAsync(partnerView);
        await page.GotoAsync($"{_run.Host.HttpUrl}/signin");
        Assert.Equal("Signed in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(TestIdentityProvider.Agency, await page.Locator("#agency").InnerTextAsync());
        Assert.Equal(string.Join(" ", TestIdentityProvider.Areas), await page.Locator("#areas").InnerTextAsync());
        Assert.Equal(string.Join(" ", TestIdentityProvider.Roles.Order(StringComparer.Ordinal)), await page.Locator("#roles").InnerTextAsync());
    }
}
