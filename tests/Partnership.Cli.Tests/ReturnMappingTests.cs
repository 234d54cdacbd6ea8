using Partnership.Cli.Services;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Tests;

public class ReturnMappingTests
{
    private static readonly Period Q3 = Period.Parse("FY2020/21-Q3");

    [Fact]
    public void ToSend_Return_CarriesAreaPeriodAgencyAndSourceLines()
    {
        var csvReturn = new CsvReturn(Areas.Bradford, Q3,
        [
            new CsvObservation(2, "crime.total_recorded", Q3, Figure.OfValue(1234), ObservationStatus.Provisional, Trend.Down, "note"),
            new CsvObservation(3, "crime.violence_with_injury_solved", Q3, Figure.OfFraction(120, 300), null, Trend.None, ""),
        ]);

        var sent = csvReturn.ToSend("Bradford CSP");

        Assert.Equal((Areas.Bradford, "Bradford CSP", "2020-10-01", "2020-12-31"), (sent.AreaCode, sent.SubmittedBy, sent.Period.StartDate, sent.Period.EndDate));
        Assert.Equal([2, 3], sent.Observations.Select(o => o.SourceLine));
        var count = sent.Observations[0];
        Assert.Equal(1234m, count.Value.ToDecimal());
        Assert.Equal(Proto.ObservationStatus.Provisional, count.Status);
        Assert.Equal(Proto.Trend.Down, count.Trend);
        Assert.Null(count.Period);
        var ratio = sent.Observations[1];
        Assert.Equal((120m, 300m), (ratio.Fraction.Numerator.ToDecimal(), ratio.Fraction.Denominator.ToDecimal()));
        Assert.Equal(Proto.ObservationStatus.Unspecified, ratio.Status);
    }

    [Fact]
    public void ToContract_RowForAnotherPeriod_CarriesItsOwnPeriod()
    {
        var rolling = Period.Parse("2020-01..2020-12");

        var input = new CsvObservation(4, "survey.feeling_safe", rolling, Figure.OfValue(86), null, Trend.None, "").ToContract(Q3);

        Assert.Equal(("2020-01-01", "2020-12-31", Proto.PeriodKind.Rolling12Months), (input.Period.StartDate, input.Period.EndDate, input.Period.Kind));
    }
}
