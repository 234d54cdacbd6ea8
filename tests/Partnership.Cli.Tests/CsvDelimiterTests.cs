using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a return saved with semicolons or tabs is read, or refused in one line, not with 7 "missing column" errors.</summary>
public class CsvDelimiterTests
{
    private static readonly string[] Columns = ["measure", "area", "period", "value", "numerator", "denominator", "status", "note"];

    private static CsvReadResult Read(string csv) => new CsvReturnReader(MeasureCatalogue.Load()).Read(new StringReader(csv));

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    public void Read_HeaderWithAnotherDelimiter_ReadsEveryRowWithItsLine(string delimiter)
    {
        var csv = string.Join("\n",
            string.Join(delimiter, Columns),
            string.Join(delimiter, "crime.total_recorded", Areas.Bradford, "FY2020/21-Q3", "1234", "", "", "final", "\"a; b\""),
            string.Join(delimiter, "crime.violence_with_injury_solved", Areas.Bradford, "FY2020/21-Q3", "", "120", "300", "", ""));

        var result = Read(csv);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([2, 3], result.Return!.Observations.Select(o => o.Line));
        Assert.Equal(Figure.OfValue(1234), result.Return.Observations[0].Figure);
        Assert.Equal(Figure.OfFraction(120, 300), result.Return.Observations[1].Figure);
        Assert.Equal("a; b", result.Return.Observations[0].Note);
    }

    [Fact]
    public void Read_SemicolonHeaderAfterBlankLine_KeepsTheLineNumbers()
    {
        var result = Read($"\nmeasure;area;period;value;numerator;denominator\ncrime.total_recorded;{Areas.Bradford};FY2020/21-Q3;x;;\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal("value", problem.Column);
    }

    [Fact]
    public void Read_SemicolonHeaderMissingAColumn_RefusesInOneLine()
    {
        var result = Read($"measure;area;period;value;numerator\ncrime.total_recorded;{Areas.Bradford};FY2020/21-Q3;1;\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(
            "the header looks semicolon-separated but does not name denominator; save it as 'CSV UTF-8 (comma delimited)', with the header measure,area,period,value,numerator,denominator,status,note",
            problem.Message);
    }

    [Fact]
    public void Read_HeaderEquallySemicolonAndTabSeparated_RefusesInOneLine()
    {
        var result = Read("measure;area;x\ty\tperiod\tvalue\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new CsvProblem(1, null, "the header could be separated by semicolons or by tabs; save it as 'CSV UTF-8 (comma delimited)'"), problem);
    }

    [Fact]
    public void Read_CommaHeaderWithSemicolonsInANote_StaysCommaSeparated()
    {
        var result = Read($"measure,area,period,value,numerator,denominator,note\ncrime.total_recorded,{Areas.Bradford},FY2020/21-Q3,5,,,a;b;c\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal("a;b;c", Assert.Single(result.Return!.Observations).Note);
    }
}
