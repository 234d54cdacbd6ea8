using System.Globalization;
using Partnership.Testing;

namespace Partnership.EndToEndTests;

/// <summary>
/// A host killed (SIGKILL) between storing a return and publishing its event, then restarted on the
/// same data: the event still goes out, once. Runs on the local host's in-process transport; the Dapr
/// transport's crash and outage tests belong with its test sidecar.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const string Period = "FY2025/26-Q1";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("partnership-crash-").FullName;

    private static string ReturnCsv(int total) => $"""
        measure,area,period,value,numerator,denominator,status,note
        crime.total_recorded,E08000032,{Period},{total},,,final,
        """;

    private static Task<(int ExitCode, string Output)> WaitForStatusAsync(LocalExchange exchange, string text, string what) =>
        Eventually.WaitForAsync(
            () => exchange.CliAsync("status", "--period", Period),
            r => r.ExitCode == 0 && r.Output.Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            what);

    private static async Task<decimal> CountyTotalAsync(LocalExchange exchange)
    {
        var report = await exchange.CliAsync("report", "--area", "E11000006", "--period", Period, "--format", "csv");
        Assert.True(report.ExitCode == 0, report.Output);
        var row = report.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("crime.total_recorded,", StringComparison.Ordinal));
        return decimal.Parse(row.Split(',')[4], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task LocalHost_KilledAfterStoringBeforePublishing_PublishesOnRestartOnce()
    {
        using var bradford = new CsvFile(ReturnCsv(4_321));
        await using (var crashed = await LocalExchange.StartAsync(seedDemoData: false, _dataDirectory, new Dictionary<string, string?> { ["Outbox__Paused"] = "true" }))
        {
            var submit = await crashed.CliAsync("submit", bradford.Path);
            Assert.True(submit.ExitCode == 0, submit.Output);
            // Stored and acknowledged, but the event is still in the outbox when the process dies.
            var status = await crashed.CliAsync("status", "--period", Period);
            Assert.Contains("1 not yet in the county report", status.Output, StringComparison.Ordinal);
            crashed.Kill();
        }

        await using var restarted = await LocalExchange.StartAsync(seedDemoData: false, _dataDirectory);
        await WaitForStatusAsync(restarted, "0 not yet in the county report", "the stored return's event to be published after the restart");
        Assert.Equal(4_321m, await CountyTotalAsync(restarted));

        // A resubmission after the restart supersedes it: revision 2 alone is counted.
        using var corrected = new CsvFile(ReturnCsv(4_400));
        var resubmit = await restarted.CliAsync("submit", corrected.Path);
        Assert.True(resubmit.ExitCode == 0, resubmit.Output);
        await Eventually.WaitForAsync(() => CountyTotalAsync(restarted), total => total == 4_400m, TimeSpan.FromSeconds(30), "revision 2 in the county report");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the OS temp cleaner will have it.
        }
    }
}
