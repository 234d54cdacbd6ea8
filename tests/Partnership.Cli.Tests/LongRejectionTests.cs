using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>A return with more problems than a rejection lists: the CLI shows those listed and says how many there were in all.</summary>
public sealed class LongRejectionTests : IDisposable
{
    private readonly TempDirectory _directory = new("partnership-cli-long-rejection-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Submit_TenThousandUnknownMeasures_ListsTheFirstAndCountsThemAll()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures);
        var file = _directory.File("flood.csv");
        var rows = Enumerable.Range(0, 10_000).Select(i => $"crime.no_such_measure_{i},{Areas.Kirklees},FY2025/26-Q1,1,,,final,");
        await File.WriteAllLinesAsync(file, ["measure,area,period,value,numerator,denominator,status,note", .. rows]);

        var (exit, _, error) = await RunAsync(host, "submit", file);

        Assert.Equal(ExitCodes.Rejected, exit);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("The crime measures service rejected the return; nothing was stored.", lines[0]);
        Assert.StartsWith($"{file}:2: column 'measure': crime.no_such_measure_0", lines[1], StringComparison.Ordinal);
        Assert.Equal(200, lines.Count(line => line.StartsWith($"{file}:", StringComparison.Ordinal)));
        Assert.Equal($"10,000 problems in {file} (the first 200 are listed); fix them and submit the whole file again.", lines[^1]);
    }
}
