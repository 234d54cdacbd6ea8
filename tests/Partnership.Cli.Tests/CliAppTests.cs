using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<int> Run(CliOptions options, params string[] args) => CliApp.RunAsync(args, _out, _error, options);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string OneRowReturn() =>
        WriteFile("r.csv", $"measure,area,period,value,numerator,denominator\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,\n");

    [Fact]
    public async Task Template_Offline_PrintsHeaderAndRowPerCrimeMeasure()
    {
        var exit = await Run(Offline(), "template", "--area", Areas.Bradford, "--period", "fy2020/21-q3");

        Assert.Equal(ExitCodes.Success, exit);
        var records = CsvRecordReader.Read(new StringReader(_out.ToString()));
        Assert.Equal(ReturnColumns.Template, records[0].Fields);
        Assert.Equal(28, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.Equal([Areas.Bradford, "FY2020/21-Q3", "", "", "", "", ""], r.Fields.Skip(1)));
        Assert.Contains(records, r => r.Fields[0] == "crime.violence_with_injury_solved");
        Assert.Contains("'numerator' and 'denominator' for the ratios (crime.domestic_burglary_solved, crime.hate_crime_solved, crime.robbery_solved, crime.stop_search_positive_outcome_rate, crime.violence_with_injury_solved, response.emergency_attended_in_target, response.priority_attended_in_target)", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_National_PrintsTheNationalFiguresLayout()
    {
        var exit = await Run(Offline(), "template", "--service", "national");

        Assert.Equal(ExitCodes.Success, exit);
        var records = CsvRecordReader.Read(new StringReader(_out.ToString()));
        Assert.Equal(["area_code", "measure_id", "period_start", "period_end", "value", "publication", "published_on"], records[0].Fields);
        Assert.Equal(["E23000016", "crime.total_recorded.per_1000", "2023-04-01", "2024-03-31", "61.2", "ONS Crime in England and Wales, year ending March 2024 (example)", "2024-07-24"], records[1].Fields);
    }

    [Fact]
    public async Task Template_WithOut_WritesFileTheReaderAccepts()
    {
        var path = Path.Combine(_directory, "template.csv");

        var exit = await Run(Offline(), "template", "--area", Areas.Bradford, "--period", "FY2020/21-Q3", "--out", path);

        Assert.Equal(ExitCodes.Success, exit);
        var result = new CsvReturnReader().Read(new StringReader(File.ReadAllText(path)));
        // An unfilled template is a valid file whose only problems are the missing figures.
        Assert.Equal(28, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal("value", p.Column));
    }

    [Fact]
    public async Task Submit_FileWithProblems_ListsEveryProblemSendsNothingAndReturnsOne()
    {
        var path = WriteFile("bradford.csv", $"""
            measure,area,period,value,numerator,denominator
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,64 Q3 only,,
            crime.homicide,{Areas.Calderdale},FY2020/21-Q3,2,,
            crime.violence_with_injury_solved,{Areas.Bradford},FY2020/21-Q3,,"12,34",100
            """);

        var exit = await Run(Offline(), "submit", path);

        Assert.Equal(ExitCodes.Rejected, exit);
        var errors = _error.ToString();
        Assert.Contains($"{path}:2: column 'value': '64 Q3 only' is not a number", errors, StringComparison.Ordinal);
        Assert.Contains($"{path}:3: column 'area': area '{Areas.Calderdale}' differs", errors, StringComparison.Ordinal);
        Assert.Contains($"{path}:4: column 'numerator': '12,34' has a thousands separator", errors, StringComparison.Ordinal);
        Assert.Contains("3 problems", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MissingFile_ReturnsOne()
    {
        var exit = await Run(Offline(), "submit", Path.Combine(_directory, "nowhere.csv"));

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("cannot read the file", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BadPeriodOption_ReturnsOne()
    {
        var path = OneRowReturn();

        var exit = await Run(Offline(), "submit", path, "--period", "Q3 2020");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.StartsWith("--period: 'Q3 2020' is not a period", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownService_ReturnsOne()
    {
        var path = OneRowReturn();

        var exit = await Run(Offline(), "submit", path, "--service", "parking");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("parking", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ServerUnreachable_ReturnsTwoNamingAddressFromEnvironment()
    {
        using var nobody = new RefusingPort();
        var url = nobody.Url;
        var path = OneRowReturn();
        var options = new CliOptions { GetEnvironmentVariable = name => name == "PARTNERSHIP_URL" ? url : null };

        var exit = await Run(options, "submit", path);

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains($"Read 1 observations for {Areas.Bradford}, FY2020/21-Q3", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Cannot reach the partnership server at {url}", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ServerUnreachable_ReturnsTwoNamingAddress()
    {
        using var nobody = new RefusingPort();
        var url = nobody.Url;

        var exit = await Run(new CliOptions(), "report", "--area", Areas.WestYorkshire, "--period", "FY2020/21-Q3", "--url", url);

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains($"Cannot reach the partnership server at {url}", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UrlNotAnAddress_ReturnsOne()
    {
        var exit = await Run(Offline(), "report", "--area", Areas.WestYorkshire, "--period", "FY2020/21-Q3", "--url", "localhost:5080");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("is not a server address", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MissingRequiredOptions_ReturnsOne()
    {
        var exit = await Run(Offline(), "report");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("--area", _error.ToString(), StringComparison.Ordinal);
    }
}
