namespace Partnership.Domain.Tests;

public class PeriodTests
{
    [Theory]
    [InlineData("FY2020/21-Q3", "2020-10-01", "2020-12-31", PeriodKind.Quarter, "FY2020/21-Q3")]
    [InlineData("FY2020/21-Q4", "2021-01-01", "2021-03-31", PeriodKind.Quarter, "FY2020/21-Q4")]
    [InlineData("FY2020/21", "2020-04-01", "2021-03-31", PeriodKind.FinancialYear, "FY2020/21")]
    [InlineData("FY2020/21-H2", "2020-10-01", "2021-03-31", PeriodKind.HalfYear, "FY2020/21-H2")]
    [InlineData("2020-10..2020-12", "2020-10-01", "2020-12-31", PeriodKind.Quarter, "FY2020/21-Q3")]
    [InlineData("2020-01..2020-12", "2020-01-01", "2020-12-31", PeriodKind.Rolling12Months, "12 months to 2020-12")]
    [InlineData("2020-04..2020-12", "2020-04-01", "2020-12-31", PeriodKind.YearToDate, "2020-04..2020-12")]
    [InlineData("2020-02..2020-02", "2020-02-01", "2020-02-29", PeriodKind.Month, "2020-02")]
    [InlineData("2020-11..2021-01", "2020-11-01", "2021-01-31", PeriodKind.OtherRange, "2020-11..2021-01")]
    [InlineData("2021-03-31", "2021-03-31", "2021-03-31", PeriodKind.Snapshot, "2021-03-31")]
    public void TryParse_ValidText_GivesWindowAndKind(string text, string start, string end, PeriodKind kind, string label)
    {
        Assert.True(Period.TryParse(text, out var period, out var error), error);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("FY2020/22", "not a financial year")]
    [InlineData("FY2020/21-Q5", "no quarter")]
    [InlineData("2020-12..2020-10", "transposed")]
    [InlineData("2020-13..2021-01", "month outside")]
    [InlineData("Q3 2020", "not a period")]
    public void TryParse_BadText_ExplainsWhy(string text, string expected)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_TwoSpellingsOfOneWindow_AreEqual()
    {
        Assert.Equal(Period.Parse("FY2020/21-Q3"), Period.Parse("2020-10..2020-12"));
        Assert.Equal(Period.Parse("FY2020/21-Q3").Key, PeriodKeys.Parse(Period.Parse("2020-10..2020-12").Key).Key);
    }

    [Fact]
    public void ShiftYears_Quarter_IsSameQuarterAYearEarlier()
    {
        Assert.Equal(Period.Parse("FY2019/20-Q3"), Period.Parse("FY2020/21-Q3").ShiftYears(-1));
    }
}
