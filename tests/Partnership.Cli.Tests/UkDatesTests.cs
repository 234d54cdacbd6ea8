using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a UK date (30/09/2024) is taken wherever the CLI takes an ISO date; one that reads two ways is refused naming both.</summary>
public sealed class UkDatesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-dates-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("30/09/2024", "2024-09-30")]
    [InlineData("5/5/2024", "2024-05-05")]
    [InlineData("01/07/2024..30/09/2024", "2024-07-01..2024-09-30")]
    [InlineData("13/01/2025", "2025-01-13")]
    public void TryParsePeriod_DayMonthYear_ReadsAsTheIsoPeriod(string text, string iso)
    {
        Assert.True(UkDates.TryParsePeriod(text, out var period, out var error), error);
        Assert.Equal(Period.Parse(iso), period);
    }

    [Theory]
    [InlineData("03/04/2024", "'03/04/2024' could be 3 April 2024 or 4 March 2024; write it as 2024-04-03 or 2024-03-04")]
    [InlineData("09/30/2024", "'09/30/2024' is month/day/year; write it as 2024-09-30 (or day/month/year)")]
    [InlineData("01/07/2024..02/09/2024", "'01/07/2024' could be 1 July 2024 or 7 January 2024; write it as 2024-07-01 or 2024-01-07")]
    [InlineData("31/02/2024", "'31/02/2024' is not a day of the calendar; write YYYY-MM-DD (or DD/MM/YYYY)")]
    public void TryParsePeriod_AmbiguousOrImpossible_RefusesSayingWhy(string text, string expected)
    {
        Assert.False(UkDates.TryParsePeriod(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParseDate_Iso_StillReads()
    {
        Assert.True(UkDates.TryParseDate("2024-09-30", out var date, out _));
        Assert.Equal(new DateOnly(2024, 9, 30), date);
    }

    [Fact]
    public void Read_PeriodCellAsUkDate_ReadsTheSnapshot()
    {
        var csv = $"measure,area,period,value,numerator,denominator\ncrime.homicide,{Areas.Bradford},30/09/2024,1,,\n";

        var result = new CsvReturnReader().Read(new StringReader(csv));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Period.Parse("2024-09-30"), result.Return!.Period);
    }

    [Fact]
    public async Task Template_PeriodOptionAsUkDate_WritesTheSnapshot()
    {
        var exit = await CliApp.RunAsync(["template", "--area", Areas.Bradford, "--period", "30/09/2024"], _out, _error, Offline());

        Assert.Equal(ExitCodes.Success, exit);
        var records = CsvRecordReader.Read(new StringReader(_out.ToString()));
        Assert.Equal(Period.Parse("2024-09-30").Label, records[1].Fields[2]);
    }

    [Fact]
    public async Task Submit_AmbiguousPeriodOption_NamesBothReadingsAndReturnsOne()
    {
        var path = Path.Combine(_directory, "r.csv");
        await File.WriteAllTextAsync(path, $"measure,area,period,value,numerator,denominator\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,\n");

        var exit = await CliApp.RunAsync(["submit", path, "--period", "03/04/2024"], _out, _error, Offline());

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal($"--period: '03/04/2024' could be 3 April 2024 or 4 March 2024; write it as 2024-04-03 or 2024-03-04{Environment.NewLine}", _error.ToString());
    }
}
