using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary><c>partnership import-national</c> loads a published table into the aggregator, or names every bad line.</summary>
public sealed class ImportNationalCliTests : IDisposable
{
    private const string Header = "area_code,measure_id,period_start,period_end,value,publication,published_on";

    private readonly TempDirectory _directory = new("partnership-national-");

    public void Dispose() => _directory.Dispose();

    private string Write(string name, params string[] rows) => _directory.Write(name, [Header, .. rows]);

    [Fact]
    public async Task ImportNational_GoodThenBadFile_ImportsThenRefusesNamingTheLine()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Reporting);
        var good = Write("good.csv",
            "E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,\"ONS year ending March 2024\",2024-07-24",
            "K04000001,crime.total_recorded.per_1000,2023-04-01,2024-03-31,74.3,\"ONS year ending March 2024\",2024-07-24");
        var bad = Write("bad.csv", "E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,lots,\"ONS year ending March 2024\",2024-07-24");

        var imported = await RunAsync(host, "import-national", good);
        var refused = await RunAsync(host, "import-national", bad);

        Assert.True(imported.Exit == ExitCodes.Success, imported.Error);
        Assert.Equal("ONS year ending March 2024: 2 figures held", imported.Out.Trim());
        Assert.Equal(ExitCodes.Rejected, refused.Exit);
        Assert.Contains("line 2.value", refused.Error, StringComparison.Ordinal);
    }
}
