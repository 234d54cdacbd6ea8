using Partnership.Contracts;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;
using Crime = Partnership.Contracts.Crime.V1;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a resubmission that says what the current revision says is not sent without --force.</summary>
public sealed class UnchangedResubmissionTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("partnership-unchanged-");
    private ExchangeHost _host = null!;

    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    private async Task<(int Exit, string Out, string Error)> SubmitAsync(string status, string value, params string[] options)
    {
        var file = _directory.Write("bradford.csv",
        [
            "measure,area,period,value,numerator,denominator,status",
            $"crime.total_recorded,{Areas.Bradford},FY2024/25-Q3,{value},,,{status}",
            $"crime.violence_with_injury_solved,{Areas.Bradford},FY2024/25-Q3,,120,300,{status}",
        ]);
        return await RunAsync(_host, ["submit", file, .. options]);
    }

    private async Task<int> LatestRevisionAsync() =>
        (await _host.Crime.GetReturnAsync(new Crime.GetReturnRequest { AreaCode = Areas.Bradford, Period = Domain.Period.FinancialQuarter(2024, 3).ToContract() })).LatestRevision;

    [Fact]
    public async Task Submit_SameAsCurrentRevision_WarnsAndSendsNothing()
    {
        Assert.Equal(ExitCodes.Success, (await SubmitAsync("final", "1234")).Exit);

        // A blank status is the service's default, final: the same return.
        var again = await SubmitAsync("", "\"1,234\"");

        Assert.Equal(ExitCodes.Unchanged, again.Exit);
        Assert.Equal(
            $"warning: {_directory.File("bradford.csv")} makes no change from revision 1, which the crime measures service holds now; nothing was sent. Pass --force to submit it again as a new revision.\n",
            again.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, await LatestRevisionAsync());
    }

    [Fact]
    public async Task Submit_SameAsCurrentRevisionWithForce_StoresANewRevision()
    {
        Assert.Equal(ExitCodes.Success, (await SubmitAsync("final", "1234")).Exit);

        var forced = await SubmitAsync("final", "1234", "--force");

        Assert.True(forced.Exit == ExitCodes.Success, forced.Error);
        Assert.Contains("revision 2", forced.Out, StringComparison.Ordinal);
        Assert.Equal(2, await LatestRevisionAsync());
    }

    [Theory]
    [InlineData("final", "1235")]
    [InlineData("provisional", "1234")]
    public async Task Submit_AnyFigureOrStatusChanged_StoresANewRevision(string status, string value)
    {
        Assert.Equal(ExitCodes.Success, (await SubmitAsync("final", "1234")).Exit);

        var changed = await SubmitAsync(status, value);

        Assert.True(changed.Exit == ExitCodes.Success, changed.Error);
        Assert.Equal(2, await LatestRevisionAsync());
    }
}
