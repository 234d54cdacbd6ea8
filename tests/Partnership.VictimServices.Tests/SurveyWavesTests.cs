using Partnership.Domain;
using Partnership.VictimServices.Returns;

namespace Partnership.VictimServices.Tests;

public class SurveyWavesTests
{
    private static readonly Period Year = Period.Parse("FY2024/25");

    private static SurveyWave Wave(int quarter, decimal satisfied, decimal respondents) =>
        new(Period.FinancialQuarter(2024, quarter), satisfied, respondents, 1);

    [Fact]
    public void TryCombine_FourQuarterlyWaves_IsTheRatioOfSumsNotTheMeanOfRates()
    {
        // 90% of 100, 50% of 300, 80% of 100, 60% of 500: the mean of rates is 70%, the year is 61%.
        SurveyWave[] waves = [Wave(1, 90, 100), Wave(2, 150, 300), Wave(3, 80, 100), Wave(4, 300, 500)];

        Assert.True(SurveyWaves.TryCombine(Year, waves, out var rate, out _));

        Assert.Equal(620m, rate.Satisfied);
        Assert.Equal(1_000m, rate.Respondents);
        Assert.Equal(0.62m, rate.Rate);
        Assert.NotEqual(waves.Average(w => w.Satisfied / w.Respondents), rate.Rate);
    }

    [Fact]
    public void TryCombine_MissingWave_SaysWhichMonthsAreUncovered()
    {
        Assert.False(SurveyWaves.TryCombine(Year, [Wave(1, 90, 100), Wave(2, 150, 300), Wave(4, 300, 500)], out _, out var error));

        Assert.Contains("no wave covers 2024-10 to 2024-12", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCombine_OverlappingWaves_IsRefusedRatherThanCountingRespondentsTwice()
    {
        var monthly = new SurveyWave(Period.Parse("2024-04..2024-04"), 30, 40, 1);

        Assert.False(SurveyWaves.TryCombine(Year, [Wave(1, 90, 100), monthly, Wave(2, 150, 300), Wave(3, 80, 100), Wave(4, 300, 500)], out _, out var error));

        Assert.Contains("overlap", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCombine_WaveForTheWholeWindow_IsTakenAsItIs()
    {
        var yearWave = new SurveyWave(Year, 700, 1_000, 2);

        Assert.True(SurveyWaves.TryCombine(Year, [Wave(1, 90, 100), yearWave], out var rate, out _));

        Assert.Equal(0.7m, rate.Rate);
        Assert.Single(rate.Waves);
    }

    [Fact]
    public void TryCombine_NobodyResponded_HasNoRate()
    {
        Assert.True(SurveyWaves.TryCombine(Period.FinancialQuarter(2024, 1), [Wave(1, 0, 0)], out var rate, out _));

        Assert.Null(rate.Rate);
    }
}
