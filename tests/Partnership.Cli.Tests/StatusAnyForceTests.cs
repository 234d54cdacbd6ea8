using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary><c>partnership status</c> for a force other than the demo's: every force area's districts are expected.</summary>
public sealed class StatusAnyForceTests : IDisposable
{
    private const string Cleveland = "E23000013";
    private const string Hartlepool = "E06000001";

    private readonly TempDirectory _directory = new("partnership-status-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Status_Cleveland_ListsItsFourDistrictsWithHartlepoolReceived()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        var file = _directory.Write("hartlepool.csv", ["measure,area,period,value,numerator,denominator", $"crime.total_recorded,{Hartlepool},FY2024/25-Q3,1234,,"]);
        var submitted = await RunAsync(host, "submit", file);
        Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);

        var status = await RunAsync(host, "status", "--area", Cleveland, "--period", "FY2024/25-Q3");

        Assert.True(status.Exit == ExitCodes.Success, status.Error);
        Assert.Contains($"Returns for Cleveland ({Cleveland}), FY2024/25-Q3", status.Out, StringComparison.Ordinal);
        Assert.Matches($@"Hartlepool \({Hartlepool}\)\s+revision 1", status.Out);
        foreach (var missing in new[] { "Middlesbrough (E06000002)", "Redcar and Cleveland (E06000003)", "Stockton-on-Tees (E06000004)" })
        {
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(missing)}\s+not received", status.Out);
        }
    }
}
