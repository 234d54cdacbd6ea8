using System.Globalization;

namespace Partnership.Domain.Tests;

public class FigureDisplayTests
{
    [Theory]
    [InlineData("weeks", "57.637831603", "57.6 weeks")]
    [InlineData("days", "183.75", "183.8 days")]
    [InlineData("days", "-183.75", "-183.8 days")]
    [InlineData("days", "1234.56", "1,234.6 days")]
    [InlineData("percent", "0.05", "0.1%")]
    [InlineData("percent", "-0.05", "-0.1%")]
    [InlineData("percent", "0.25", "0.3%")]
    [InlineData("percent", "-0.04", "0.0%")]
    [InlineData("percent", "84.1", "84.1%")]
    [InlineData("ratio", "0.0996", "10.0%")]
    [InlineData("ratio", "0.00125", "0.1%")]
    [InlineData("ratio", "0.3333333333", "33.3%")]
    [InlineData("count", "12345", "12,345")]
    [InlineData("count", "1234567", "1,234,567")]
    [InlineData("count", "-1234", "-1,234")]
    [InlineData("count", "0", "0")]
    [InlineData("count", "12.5", "13")]
    [InlineData("count", "-12.5", "-13")]
    [InlineData("count", "-0.4", "0")]
    public void Value_EachUnit_RoundsHalfAwayFromZeroAndWritesItsUnit(string unit, string value, string expected)
    {
        Assert.Equal(expected, FigureDisplay.Value(unit, decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("count", "-1234", "-1,234")]
    [InlineData("days", "-3.25", "-3.3 days")]
    [InlineData("percent", "1.25", "1.3pp")]
    [InlineData("ratio", "0.0125", "1.3pp")]
    public void Difference_EachUnit_InItsOwnTerms(string unit, string difference, string expected)
    {
        Assert.Equal(expected, FigureDisplay.Difference(unit, decimal.Parse(difference, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("ratio", "0.0996", "percent", "9.96")]
    [InlineData("percent", "84.1", "percent", "84.1")]
    [InlineData("count", "12345", "count", "12345")]
    [InlineData("weeks", "57.637831603", "weeks", "57.637831603")]
    public void Scaled_RatioAndPercent_ShareOneScaleWithEveryDigit(string unit, string value, string scale, string expected)
    {
        Assert.Equal(scale, FigureDisplay.ScaleOf(unit));
        Assert.Equal(expected, FigureDisplay.Scaled(unit, decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void StatusMarks_EveryNonFinalStatus_IsFlaggedInOneOrder()
    {
        Assert.Equal("", StatusMarks.Suffix([ObservationStatus.Final]));
        Assert.Equal(" (p, e, u, r)", StatusMarks.Suffix([ObservationStatus.Revised, ObservationStatus.Unvalidated, ObservationStatus.Final, ObservationStatus.Estimated, ObservationStatus.Provisional]));
        Assert.Equal("estimated;unvalidated", StatusMarks.Words([ObservationStatus.Unvalidated, ObservationStatus.Estimated, ObservationStatus.Estimated]));
    }
}
