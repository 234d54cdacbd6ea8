using Partnership.Testing;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// The local host seeded with its demo data (<see cref="LocalExchange"/>, on SQLite files in a temporary
/// directory), shared by the dashboard tests. Ready once the aggregator holds the whole demo series.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private readonly TestStore _store = TestStore.Sqlite();
    private LocalExchange? _exchange;

    public string HttpAddress => _exchange?.HttpUrl ?? throw new InvalidOperationException("The local host has not started.");

    /// <summary>The running host, for a test that resubmits a return through the CLI.</summary>
    public LocalExchange Exchange => _exchange ?? throw new InvalidOperationException("The local host has not started.");

    public async Task InitializeAsync()
    {
        // Each request's start and finish in the host's output, so a browser test that waits in vain
        // can say whether its request reached the host and when it was answered.
        _exchange = await LocalExchange.StartAsync(_store, seedDemoData: true, new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });

        // Seeding ends when the returns are stored; the aggregator receives them through the outbox
        // just after. The series is whole when both ends of it are complete county rollups.
        using var http = new HttpClient();
        // The readiness probe reads the partner view, which needs a partner reader's token.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Trusted());
        await Eventually.WaitForAsync(
            async () => (await CountyRowAsync(http, "FY2021/22-Q1"), await CountyRowAsync(http, "FY2024/25-Q4")),
            rows => rows.Item1?["current_provisional"] == "false" && rows.Item2?["current_provisional"] == "false",
            TimeSpan.FromMinutes(2),
            "the aggregator to hold the demo data");
        // The local run publishes its last quarter as an edition before it says it is ready (DemoEditionSeed).
    }

    public async Task DisposeAsync()
    {
        if (_exchange is not null)
        {
            await _exchange.DisposeAsync();
        }

        _store.Dispose();
    }

    private async Task<Dictionary<string, string>?> CountyRowAsync(HttpClient http, string period)
    {
        var rows = Csv.Read(await http.GetStringAsync($"{HttpAddress}/report.csv?period={period}&view=partner"));
        return rows.FirstOrDefault(r => r["measure_id"] == "crime.total_recorded" && r["area_type"] == "county");
    }
}
