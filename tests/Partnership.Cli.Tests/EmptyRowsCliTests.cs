using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>The issue 18 repro: data, 30,000 rows of commas, more data. Every data row is sent, and the empty rows are counted aloud.</summary>
public sealed class EmptyRowsCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-empty-rows-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Submit_ThirtyThousandEmptyRowsBetweenData_SubmitsEveryDataRowAndWarnsWithTheCount()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures);
        var file = Path.Combine(_directory, "padded.csv");
        var measures = new[] { "crime.total_recorded", "crime.violence_with_injury", "crime.homicide", "crime.personal_robbery", "crime.domestic_burglary" };
        string Row(string measure) => $"{measure},{Areas.Kirklees},FY2025/26-Q1,10,,,final,";
        await File.WriteAllLinesAsync(file,
        [
            "measure,area,period,value,numerator,denominator,status,note",
            .. measures.Take(3).Select(Row),
            .. Enumerable.Repeat(",,,,,,,", 30_000),
            .. measures.Skip(3).Select(Row),
        ]);
        using var handler = host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["submit", file, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal($"{file}:5: warning: 30,000 rows hold nothing but separators (the first on this line); skipped", error.ToString().Trim());
        Assert.Contains($"Read 5 observations for {Areas.Kirklees}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(", 5 observations.", output.ToString(), StringComparison.Ordinal);
    }
}
