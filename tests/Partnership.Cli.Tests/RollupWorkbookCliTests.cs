using ClosedXML.Excel;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: <c>report --format xlsx</c> writes the county rollup as a workbook, in the force's plan order.</summary>
public sealed class RollupWorkbookCliTests : IAsyncLifetime
{
    private CliOnHost? _cli;

    public async Task InitializeAsync() => _cli = await CliOnHost.StartAsync(
        "partnership-rollup-xlsx-",
        width: null,
        "measure,area,period,value,numerator,denominator,status,note",
        $"crime.total_recorded,{Areas.Bradford},FY2024/25-Q3,12345,,,,",
        $"crime.violence_with_injury_solved,{Areas.Bradford},FY2024/25-Q3,,100,400,,",
        $"crime.hate_crime,{Areas.Bradford},FY2024/25-Q3,321,,,,");

    public Task DisposeAsync() => _cli?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => _cli!.RunAsync(args);

    [Fact]
    public async Task Report_FormatXlsx_WritesTheRollupWorkbookInPlanOrder()
    {
        var path = Path.Combine(_cli!.Directory, "rollup.xlsx");
        await Eventually.WaitForAsync(
            () => RunAsync("report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q3", "--view", "partner"),
            r => r.Out.Contains("12,345", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "Bradford's return in the rollup");

        var report = await RunAsync("report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q3", "--view", "partner", "--format", "xlsx", "--output", path);

        Assert.True(report.Exit == ExitCodes.Success, report.Error);
        using var book = new XLWorkbook(path);
        var sheet = book.Worksheet("Rollup");
        var rows = sheet.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r);
        // West Yorkshire's plan lists hate crime, then the solved rate, then total recorded crime: not id order.
        Assert.Equal(
            ["crime.hate_crime", "crime.violence_with_injury_solved", "crime.total_recorded"],
            rows.Keys.Where(id => id is "crime.hate_crime" or "crime.violence_with_injury_solved" or "crime.total_recorded"));
        Assert.Equal(12345d, rows["crime.total_recorded"].Cell(3).GetDouble());
        Assert.Equal("#,##0", rows["crime.total_recorded"].Cell(3).Style.NumberFormat.Format);
        Assert.Equal(1d, rows["crime.total_recorded"].Cell(10).GetDouble());
        Assert.Equal(5d, rows["crime.total_recorded"].Cell(11).GetDouble());
        Assert.Equal(0.25d, rows["crime.violence_with_injury_solved"].Cell(3).GetDouble());
        Assert.Equal("0.0%", rows["crime.violence_with_injury_solved"].Cell(3).Style.NumberFormat.Format);
        Assert.Equal(100d, rows["crime.violence_with_injury_solved"].Cell(4).GetDouble());
        Assert.Equal(400d, rows["crime.violence_with_injury_solved"].Cell(5).GetDouble());
        Assert.Equal(321d, rows["crime.hate_crime"].Cell(3).GetDouble());
        Assert.Equal($"Wrote the county rollup's workbook ({sheet.RowsUsed().Count() - 1} measures for West Yorkshire, FY2024/25-Q3) to {path}.{Environment.NewLine}", report.Out);
    }

    [Fact]
    public async Task Report_FormatXlsxWithoutOutput_SaysToNameTheFile()
    {
        var report = await RunAsync("report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q3", "--format", "xlsx");

        Assert.Equal(ExitCodes.Rejected, report.Exit);
        Assert.Equal($"--format xlsx writes a workbook: name the file with --output, e.g. --output report.xlsx.{Environment.NewLine}", report.Error);
    }
}
