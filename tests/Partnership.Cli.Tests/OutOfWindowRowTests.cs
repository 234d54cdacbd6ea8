using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>The issue 17 repro through the CLI: a row for another quarter is refused, naming its line and column.</summary>
public sealed class OutOfWindowRowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-window-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Submit_RowForThePreviousQuarter_IsRefusedNamingLineAndPeriodColumn()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        var file = Path.Combine(_directory, "inject.csv");
        await File.WriteAllTextAsync(file, $"""
            measure,area,period,value,numerator,denominator,status,note
            crime.total_recorded,{Areas.Kirklees},FY2025/26-Q1,5000,,,final,
            crime.homicide,{Areas.Kirklees},FY2024/25-Q4,500,,,final,
            """);
        using var handler = host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["submit", file, "--period", "FY2025/26-Q1", "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("TODO", error.ToString(), StringComparison.Ordinal);
    }
}
