using Grpc.Core;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Testing;
using Crime = Partnership.Contracts.Crime.V1;

namespace Partnership.Cli.Tests;

/// <summary>Issue 22: a folder of returns goes through the same path as 'submit', in period order, stopping at the first bad file.</summary>
public sealed class BackfillCliTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-backfill-").FullName;
    private ExchangeHost _host = null!;

    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Named so that file-name order is not period order: the run must sort by period.
    private string WriteReturn(string name, int quarter, int total, string measure = "crime.total_recorded")
    {
        var file = Path.Combine(_directory, name);
        var period = Period.FinancialQuarter(2024, quarter).Label;
        File.WriteAllLines(file,
        [
            "measure,area,period,value,numerator,denominator,status",
            $"{measure},{Areas.Bradford},{period},{total},,,final",
            $"crime.violence_with_injury_solved,{Areas.Bradford},{period},,120,300,final",
        ]);
        return file;
    }

    private async Task<(int Exit, string Out, string Error)> BackfillAsync()
    {
        using var handler = _host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["backfill", _directory, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private async Task<int?> LatestRevisionAsync(int quarter)
    {
        try
        {
            var request = new Crime.GetReturnRequest { AreaCode = Areas.Bradford, Period = Period.FinancialQuarter(2024, quarter).ToContract() };
            return (await _host.Crime.GetReturnAsync(request)).LatestRevision;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static string[] AcceptedFiles(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith("Accepted ", StringComparison.Ordinal)).Select(l => Path.GetFileName(l["Accepted ".Length..l.IndexOf(':', StringComparison.Ordinal)]))];

    [Fact]
    public async Task Backfill_SeveralQuarters_AcceptsEachInPeriodOrder()
    {
        WriteReturn("a.csv", 4, 1400);
        WriteReturn("b.csv", 2, 1200);
        WriteReturn("c.csv", 1, 1100);
        WriteReturn("d.csv", 3, 1300);

        var run = await BackfillAsync();

        Assert.True(run.Exit == ExitCodes.Success, run.Error);
        Assert.Equal(["c.csv", "b.csv", "d.csv", "a.csv"], AcceptedFiles(run.Out));
        Assert.StartsWith("Read 4 files, 8 observations, FY2024/25-Q1 to FY2024/25-Q4; submitting to the crime measures service at http://localhost.\n", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("Backfill complete: 4 files accepted (8 observations), 0 unchanged.\n", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
        Assert.Equal([1, 1, 1, 1], [await LatestRevisionAsync(1), await LatestRevisionAsync(2), await LatestRevisionAsync(3), await LatestRevisionAsync(4)]);
    }

    [Fact]
    public async Task Backfill_BadFileInTheMiddle_StopsThereNamingItAndKeepsTheEarlierFiles()
    {
        WriteReturn("q1.csv", 1, 1100);
        var bad = WriteReturn("q2.csv", 2, 1200, measure: "crime.no_such_measure");
        WriteReturn("q3.csv", 3, 1300);

        var run = await BackfillAsync();

        Assert.Equal(ExitCodes.Rejected, run.Exit);
        Assert.Equal(["q1.csv"], AcceptedFiles(run.Out));
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("The crime measures service rejected the return; nothing was stored.", errors[0]);
        Assert.StartsWith($"{bad}:2: column 'measure': crime.no_such_measure", errors[1], StringComparison.Ordinal);
        Assert.Equal($"1 problem in {bad}; fix them and submit the whole file again.", errors[2]);
        Assert.Equal($"Stopped at {bad} (file 2 of 3): 1 file accepted (2 observations), 0 unchanged before it; 2 files not sent. Fix it and run backfill again.", errors[3]);
        Assert.Equal(4, errors.Length);
        Assert.Equal([1, null, null], [await LatestRevisionAsync(1), await LatestRevisionAsync(2), await LatestRevisionAsync(3)]);
    }

    [Fact]
    public async Task Backfill_RunAgainAfterTheFix_SkipsTheFilesAlreadyAccepted()
    {
        WriteReturn("q1.csv", 1, 1100);
        WriteReturn("q2.csv", 2, 1200, measure: "crime.no_such_measure");
        WriteReturn("q3.csv", 3, 1300);
        Assert.Equal(ExitCodes.Rejected, (await BackfillAsync()).Exit);
        WriteReturn("q2.csv", 2, 1200);

        var run = await BackfillAsync();

        Assert.True(run.Exit == ExitCodes.Success, run.Error);
        Assert.Contains($"Skipped {Path.Combine(_directory, "q1.csv")}: no change from revision 1.\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(["q2.csv", "q3.csv"], AcceptedFiles(run.Out));
        Assert.EndsWith("Backfill complete: 2 files accepted (4 observations), 1 unchanged.\n", run.Out, StringComparison.Ordinal);
        Assert.Equal([1, 1, 1], [await LatestRevisionAsync(1), await LatestRevisionAsync(2), await LatestRevisionAsync(3)]);
    }

    [Fact]
    public async Task Backfill_FileWithLocalProblems_SendsNothing()
    {
        WriteReturn("q1.csv", 1, 1100);
        var bad = Path.Combine(_directory, "q2.csv");
        File.WriteAllLines(bad, ["measure,area,period,value,numerator,denominator,status", $"crime.total_recorded,{Areas.Bradford},FY2024/25-Q2,lots,,,final"]);

        var run = await BackfillAsync();

        Assert.Equal(ExitCodes.Rejected, run.Exit);
        Assert.EndsWith($"Stopped at {bad}, before sending any of the 2 files.\n", run.Error, StringComparison.Ordinal);
        Assert.Null(await LatestRevisionAsync(1));
    }
}
