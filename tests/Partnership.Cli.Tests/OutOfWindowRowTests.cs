using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>The issue 17 repro through the CLI: a row for another quarter is refused, naming its line and column.</summary>
public sealed class OutOfWindowRowTests : IDisposable
{
    private readonly TempDirectory _directory = new("partnership-cli-window-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Submit_RowForThePreviousQuarter_IsRefusedNamingLineAndPeriodColumn()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        var file = _directory.File("inject.csv");
        await File.WriteAllTextAsync(file, $"""
            measure,area,period,value,numerator,denominator,status,note
            crime.total_recorded,{Areas.Kirklees},FY2025/26-Q1,5000,,,final,
            crime.homicide,{Areas.Kirklees},FY2024/25-Q4,500,,,final,
            """);

        var (exit, _, error) = await RunAsync(host, "submit", file, "--period", "FY2025/26-Q1");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal(
            [
                "The crime measures service rejected the return; nothing was stored.",
                $"{file}:3: column 'period': crime.homicide: FY2024/25-Q4 lies outside the return's window FY2025/26-Q1; a return carries figures for its own window only, so submit this one in a return for FY2024/25-Q4",
                $"1 problem in {file}; fix them and submit the whole file again.",
            ],
            error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
