using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Publishing;

namespace Partnership.Reporting.Tests;

public sealed class WindowLabelTests
{
    [Theory]
    [InlineData("2019-01", "2019-12", null, "12 months to Dec 2019")]
    [InlineData("2024-04", "2024-09", "YearToDate", "Year to date to Sep 2024")]
    [InlineData("2024-04", "2024-12", null, "Year to date to Dec 2024")]
    [InlineData("2024-10", "2024-12", null, "Quarter to Dec 2024")]
    [InlineData("2024-04", "2025-03", null, "12 months to Mar 2025")]
    [InlineData("2024-04", "2024-09", null, "6 months to Sep 2024")]
    [InlineData("2024-12", "2024-12", null, "Dec 2024")]
    [InlineData("2024-02", "2024-05", null, "4 months to May 2024")]
    // The first quarter of a year is its year to date too: the comparison says which the report means.
    [InlineData("2024-04", "2024-06", "YearToDate", "Year to date to Jun 2024")]
    [InlineData("2024-04", "2024-06", "PreviousYear", "Quarter to Jun 2024")]
    public void Of_Window_IsLabelledAsPublishedReportsDo(string first, string last, string? comparison, string expected)
    {
        var window = Period.Months(DateOnly.Parse(first + "-01", System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last + "-01", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, WindowLabel.Of(window, comparison is null ? null : Enum.Parse<ComparisonKind>(comparison)));
    }

    [Fact]
    public void Of_Snapshot_SaysTheDate() =>
        Assert.Equal("At 31 Dec 2024", WindowLabel.Of(Period.Snapshot(new DateOnly(2024, 12, 31))));
}
