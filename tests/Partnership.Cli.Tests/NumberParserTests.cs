using Partnership.Returns;

namespace Partnership.Cli.Tests;

public class NumberParserTests
{
    [Theory]
    [InlineData("1234", "1234", false)]
    [InlineData("1,234", "1234", false)]
    [InlineData("1,234,567.25", "1234567.25", false)]
    [InlineData("  42  ", "42", false)]
    [InlineData("0.5", "0.5", false)]
    [InlineData("-3", "-3", false)]
    [InlineData("86%", "86", true)]
    [InlineData("86.4 %", "86.4", true)]
    [InlineData("123", "123", false)]
    public void TryParse_UnambiguousNumber_ReturnsValue(string text, string expected, bool percent)
    {
        Assert.True(NumberParser.TryParse(text, out var number, out var error), error);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), number.Value);
        Assert.Equal(percent, number.HasPercentSign);
    }

    [Theory]
    [InlineData("64 Q3 only", "text in it")]
    [InlineData("June 2020 86%", "text in it")]
    [InlineData("Cohort 1 1.2 Cohort 2 1.0", "text in it")]
    [InlineData("1e3", "text in it")]
    [InlineData("12,34", "thousands separator in the wrong place")]
    [InlineData("1234,567", "thousands separator in the wrong place")]
    [InlineData("1,2345", "thousands separator in the wrong place")]
    [InlineData(",123", "thousands separator in the wrong place")]
    [InlineData("+5", "plus sign")]
    [InlineData("1 234", "space inside the number")]
    [InlineData("1.2.3", "is not a number")]
    [InlineData(".5", "is not a number")]
    [InlineData("5.", "is not a number")]
    [InlineData("%", "is not a number")]
    [InlineData("(12)", "is not a number")]
    [InlineData("٣", "is not a number")]
    public void TryParse_AmbiguousOrTextualNumber_IsRejectedWithReason(string text, string reason)
    {
        Assert.False(NumberParser.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains($"'{text.Trim()}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BeyondDecimalRange_IsRejected()
    {
        Assert.False(NumberParser.TryParse(new string('9', 40), out _, out var error));

        Assert.Contains("too large", error, StringComparison.Ordinal);
    }
}
