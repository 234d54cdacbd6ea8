using Partnership.Testing;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// A local host of its own (SQLite, no demo data) with the settings a test changes, and a browser
/// beside it: for the sign-in tests whose settings the shared fixture cannot have.
/// </summary>
public sealed class BrowserOnHost : IAsyncDisposable
{
    private readonly TestStore _store;

    private BrowserOnHost(TestStore store, LocalExchange host, SignInBrowser browser)
    {
        _store = store;
        Host = host;
        Browser = browser;
    }

    public LocalExchange Host { get; }

    public SignInBrowser Browser { get; }

    public static async Task<BrowserOnHost> StartAsync(IDictionary<string, string?> settings)
    {
        var store = TestStore.Sqlite();
        LocalExchange? host = null;
        try
        {
            host = await LocalExchange.StartAsync(store, seedDemoData: false, settings);
            return new BrowserOnHost(store, host, await SignInBrowser.LaunchAsync());
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            store.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
        _store.Dispose();
    }
}
