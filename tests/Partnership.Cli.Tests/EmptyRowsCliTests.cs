using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>The issue 18 repro: data, 30,000 rows of commas, more data. Every data row is sent, and the empty rows are counted aloud.</summary>
public sealed class EmptyRowsCliTests : IDisposable
{
    private readonly TempDirectory _directory = new("partnership-cli-empty-rows-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Submit_ThirtyThousandEmptyRowsBetweenData_SubmitsEveryDataRowAndWarnsWithTheCount()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures);
        var file = _directory.File("padded.csv");
        var measures = new[] { "crime.total_recorded", "crime.violence_with_injury", "crime.homicide", "crime.personal_robbery", "crime.domestic_burglary" };
        string Row(string measure) => $"{measure},{Areas.Kirklees},FY2025/26-Q1,10,,,final,";
        await File.WriteAllLinesAsync(file,
        [
            "measure,area,period,value,numerator,denominator,status,note",
            .. measures.Take(3).Select(Row),
            .. Enumerable.Repeat(",,,,,,,", 30_000),
            .. measures.Skip(3).Select(Row),
        ]);

        var (exit, output, error) = await RunAsync(host, "submit", file);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal($"{file}:5: warning: 30,000 rows hold nothing but separators (the first on this line); skipped", error.Trim());
        Assert.Contains($"Read 5 observations for {Areas.Kirklees}", output, StringComparison.Ordinal);
        Assert.Contains(", 5 observations.", output, StringComparison.Ordinal);
    }
}
