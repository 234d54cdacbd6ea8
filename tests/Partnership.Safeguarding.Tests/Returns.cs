using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Safeguarding.V1;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Safeguarding.Tests;

/// <summary>Builds safeguarding returns for tests: counts as (measure, value), ratios as (measure, numerator, denominator).</summary>
public static class Returns
{
    public static readonly DomainPeriod Q1 = DomainPeriod.Parse("FY2024/25-Q1");

    public static SubmitReturnRequest Return(string area, params (string Measure, decimal Value)[] counts) =>
        Return(area, counts, []);

    public static SubmitReturnRequest Return(string area, (string Measure, decimal Value)[] counts, (string Measure, decimal Numerator, decimal Denominator)[] ratios)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = Q1.ToContract(), SubmittedBy = area + " safeguarding partnership" };
        var line = 2;
        foreach (var (measure, value) in counts)
        {
            request.Observations.Add(new ObservationInput { MeasureId = measure, Value = value, SourceLine = line++ });
        }

        foreach (var (measure, numerator, denominator) in ratios)
        {
            request.Observations.Add(new ObservationInput { MeasureId = measure, Fraction = new Fraction { Numerator = numerator, Denominator = denominator }, SourceLine = line++ });
        }

        return request;
    }
}
