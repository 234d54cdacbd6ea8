using System.Globalization;
using Partnership.Testing;

namespace Partnership.Domain.Tests;

/// <summary>
/// Whatever the exchange writes for a period (its label in templates, reports, history and status, its
/// stored key) reads back as the same window, and no label names two windows.
/// </summary>
public class PeriodRoundTripTests
{
    private const int Seed = 17_2020;

    [Fact]
    public void TryParse_LabelAndKeyOfRandomPeriodsOfEveryKind_GiveTheSameWindowBack()
    {
        var generator = new PeriodGenerator(Seed);
        var windowsByLabel = new Dictionary<string, Period>(StringComparer.Ordinal);

        foreach (var (period, kind) in generator.Take(8_000))
        {
            var what = $"seed {Seed}: {period.Key}";
            Assert.True(kind == period.Kind, $"{what} was built as a {kind} but classifies as a {period.Kind}");
            Assert.True(Period.TryParse(period.Label, out var fromLabel, out var error), $"{what}: label '{period.Label}': {error}");
            Assert.True(period == fromLabel, $"{what}: label '{period.Label}' reads back as {fromLabel.Key}");
            Assert.True(Period.TryParse(period.Key, out var fromKey, out error), $"{what}: key: {error}");
            Assert.True(period == fromKey, $"{what}: the key reads back as {fromKey.Key}");
            Assert.Equal(period, PeriodKeys.Parse(period.Key));
            Assert.True(windowsByLabel.TryAdd(period.Label, period) || windowsByLabel[period.Label] == period, $"{what}: label '{period.Label}' also names {windowsByLabel[period.Label].Key}");
            if (!period.IsSnapshot)
            {
                var months = $"{period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)}..{period.End.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
                Assert.True(period == Period.Parse(months), $"{what}: '{months}' is another spelling of it");
            }
        }

        // Every kind came up, so none of the forms above went untested.
        Assert.Equal(Enum.GetValues<PeriodKind>().Order(), windowsByLabel.Values.Select(p => p.Kind).Distinct().Order());
    }

    [Theory]
    [InlineData("12 months to 2020-12", "2020-01-01", "2020-12-31", "12 months to 2020-12")]
    [InlineData("12 Months To 2021-06", "2020-07-01", "2021-06-30", "12 months to 2021-06")]
    [InlineData("12 months to 2021-03", "2020-04-01", "2021-03-31", "FY2020/21")]
    [InlineData("2020-12", "2020-12-01", "2020-12-31", "2020-12")]
    [InlineData("2020-10-01..2020-12-31", "2020-10-01", "2020-12-31", "FY2020/21-Q3")]
    public void TryParse_FormsTheExchangeWrites_GiveTheWindowTheyName(string text, string start, string end, string label)
    {
        Assert.True(Period.TryParse(text, out var period, out var error), error);
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), period.End);
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("2020-13", "month outside")]
    [InlineData("12 months to 2020-00", "month outside")]
    [InlineData("6 months to 2020-12", "not a period")]
    [InlineData("2020-10-02..2020-12-31", "first of a month")]
    [InlineData("2020-12-01..2020-10-31", "before it starts")]
    [InlineData("2020-02-30..2020-03-31", "not a day")]
    public void TryParse_NearMisses_ExplainWhy(string text, string expected)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
