using Partnership.Cli.Output;

namespace Partnership.Cli.Tests;

public class FigureFormatTests
{
    [Theory]
    [InlineData("1234", "count", "1,234")]
    [InlineData("1234567", "count", "1,234,567")]
    [InlineData("-1234", "count", "-1,234")]
    [InlineData("0", "count", "0")]
    [InlineData("12.5", "count", "13")]
    [InlineData("57.637831603", "weeks", "57.6 weeks")]
    [InlineData("183.75", "days", "183.8 days")]
    [InlineData("0.4", "ratio", "40.0%")]
    [InlineData("0.12345", "ratio", "12.3%")]
    [InlineData("0.12350", "ratio", "12.4%")]
    [InlineData("0.3333333333", "ratio", "33.3%")]
    [InlineData("86", "percent", "86.0%")]
    [InlineData("86.25", "percent", "86.3%")]
    [InlineData("-0.25", "percent", "-0.3%")]
    public void Display_ByUnit_FormatsInvariantly(string value, string unit, string expected)
    {
        Assert.Equal(expected, FigureFormat.Display(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit));
    }

    [Fact]
    public void Display_NoValue_SaysNotAvailable()
    {
        Assert.Equal("n/a", FigureFormat.Display(null, "count"));
    }

    [Theory]
    [InlineData("1234.000000000", "1234")]
    [InlineData("0.333333333", "0.333333333")]
    [InlineData("1234567", "1234567")]
    [InlineData("-2.50", "-2.5")]
    public void Full_AnyValue_KeepsEveryDigitWithoutSeparators(string value, string expected)
    {
        Assert.Equal(expected, FigureFormat.Full(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Full_NoValue_IsEmpty()
    {
        Assert.Equal("", FigureFormat.Full(null));
    }
}
