using System.Globalization;
using Partnership.Testing;

namespace Partnership.Dashboard.Tests;

/// <summary>
/// The local host (every service in one process, seeded with its demo data) run as a real process on
/// free loopback ports, its SQLite files in a temporary directory, shared by the dashboard tests.
/// Ready once the aggregator holds the whole demo series.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("partnership-dashboard-").FullName;
    private ServiceProcess? _process;

    public string HttpAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        HttpAddress = $"http://127.0.0.1:{httpPort}";
        _process = ServiceProcess.Start(RepositoryPaths.ServiceAssembly("LocalHost", "Partnership.LocalHost"), [], new Dictionary<string, string?>
        {
            ["Endpoints__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Endpoints__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Storage__DataDirectory"] = _dataDirectory,
        });
        await _process.WaitForOutputAsync("Partnership Data Exchange is running", TimeSpan.FromMinutes(3));

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
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<Dictionary<string, string>?> CountyRowAsync(HttpClient http, string period)
    {
        var rows = Csv.Read(await http.GetStringAsync($"{HttpAddress}/report.csv?period={period}&view=partner"));
        return rows.FirstOrDefault(r => r["measure_id"] == "crime.total_recorded" && r["area_type"] == "county");
    }
}
