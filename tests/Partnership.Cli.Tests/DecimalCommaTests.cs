using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: Excel saves semicolons where the decimal mark is a comma, so a semicolon file's "12,5" is 12.5, not 125.</summary>
public class DecimalCommaTests
{
    private static CsvReadResult Read(string delimiter, string value) =>
        new CsvReturnReader(MeasureCatalogue.Load()).Read(new StringReader(string.Join("\n",
            string.Join(delimiter, "measure", "area", "period", "value", "numerator", "denominator"),
            string.Join(delimiter, "crime.total_recorded", Areas.Bradford, "FY2020/21-Q3", value, "", ""))));

    [Theory]
    [InlineData("12,5", "12.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1.234", "1234")]
    [InlineData("-0,25", "-0.25")]
    [InlineData("\"12,5\"", "12.5")]
    public void Read_SemicolonFile_CommaIsTheDecimalMark(string value, string expected)
    {
        var result = Read(";", value);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Figure.OfValue(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), Assert.Single(result.Return!.Observations).Figure);
    }

    [Fact]
    public void Read_SemicolonFileWithDecimalPoint_RefusedNamingTheRule()
    {
        var problem = Assert.Single(Read(";", "12.5").Problems);

        Assert.Equal((2, "value"), (problem.Line, problem.Column));
        Assert.Equal("'12.5' has a decimal point, but in a semicolon-separated file the decimal mark is a comma (write 12,5) and a point groups thousands (1.234)", problem.Message);
    }

    [Theory]
    [InlineData(",", "\"1,234\"", "1234")]
    [InlineData(",", "12.5", "12.5")]
    [InlineData("\t", "1,234.5", "1234.5")]
    public void Read_CommaOrTabFile_PointIsTheDecimalMark(string delimiter, string value, string expected)
    {
        var result = Read(delimiter, value);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Figure.OfValue(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), Assert.Single(result.Return!.Observations).Figure);
    }
}
