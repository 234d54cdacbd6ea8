using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: report and status tables fit a terminal of 100 columns, with figures rounded as the report prints them.</summary>
public sealed class TableWidthCliTests : IAsyncLifetime
{
    private const int Width = 100;
    private CliOnHost? _cli;

    public async Task InitializeAsync() => _cli = await CliOnHost.StartAsync(
        "partnership-width-",
        Width,
        "measure,area,period,value,numerator,denominator,status,note",
        $"crime.total_recorded,{Areas.Bradford},FY2024/25-Q3,12345,,,provisional,",
        $"crime.violence_with_injury_solved,{Areas.Bradford},FY2024/25-Q3,,100,300,,");

    public Task DisposeAsync() => _cli?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => _cli!.RunAsync(args);

    private static void AssertFits(string output) =>
        Assert.All(output.ReplaceLineEndings("\n").Split('\n'), line => Assert.True(line.Length <= Width, $"{line.Length} characters: {line}"));

    [Fact]
    public async Task Report_Width100_EveryLineFitsAndFiguresAreRounded()
    {
        var report = await Eventually.WaitForAsync(
            () => RunAsync("report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q3", "--view", "partner"),
            r => r.Out.Contains("12,345", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "Bradford's return in the rollup");

        Assert.Equal(ExitCodes.Success, report.Exit);
        AssertFits(report.Out);
        Assert.Contains("33.3%", report.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("33.33", report.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Width100_EveryLineFits()
    {
        var status = await RunAsync("status", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q3");

        Assert.True(status.Exit == ExitCodes.Success, status.Error);
        AssertFits(status.Out);
        Assert.Contains("Bradford", status.Out, StringComparison.Ordinal);
        Assert.Contains("revision 1", status.Out, StringComparison.Ordinal);
    }
}
