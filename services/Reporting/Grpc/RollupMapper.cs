using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Reporting.Grpc;

internal static class RollupMapper
{
    public static CountyRollup ToContract(Rollups.CountyRollup rollup, Geography geography, Delivery.ReportAudience audience)
    {
        var result = new CountyRollup
        {
            Audience = audience == Delivery.ReportAudience.Partner ? ReportAudience.Partner : ReportAudience.Public,
            ForceArea = new Proto.Area { Code = rollup.ForceArea.Code, Name = rollup.ForceArea.Name, Type = Proto.AreaType.Force },
            Period = rollup.Period.ToContract(),
        };
        result.Measures.AddRange(rollup.Measures.Select(m => ToContract(m, geography)));
        return result;
    }

    private static MeasureRollup ToContract(Rollups.MeasureRollup rollup, Geography geography)
    {
        var result = new MeasureRollup
        {
            Measure = rollup.Measure.ToContract(),
            Source = rollup.Source switch
            {
                Rollups.CountySource.DistrictRollup => CountySource.DistrictRollup,
                Rollups.CountySource.SubmittedCountyFigure => CountySource.SubmittedCountyFigure,
                _ => CountySource.None,
            },
            Provisional = rollup.Provisional,
            Explanation = rollup.Explanation,
            CountyValueSuppressed = rollup.Disclosure?.County.IsSuppressed ?? false,
            DistrictSumSuppressed = rollup.Disclosure?.DistrictSum?.IsSuppressed ?? false,
        };
        if (rollup.CountyValue is { } value)
        {
            result.CountyValue = value;
        }

        if (rollup.CountyNumerator is { } numerator && rollup.CountyDenominator is { } denominator)
        {
            result.CountyFraction = new Proto.Fraction { Numerator = numerator, Denominator = denominator };
        }

        if (rollup.DistrictSum is { } districtSum)
        {
            result.DistrictSum = districtSum;
        }

        if (rollup.SubmittedCountyValue is { } submitted)
        {
            result.SubmittedCountyValue = submitted;
        }

        if (rollup.FigurePeriod is { } figurePeriod)
        {
            result.FigurePeriod = figurePeriod.ToContract();
        }

        result.DistrictsIncluded.AddRange(rollup.DistrictsIncluded);
        result.DistrictsMissing.AddRange(rollup.DistrictsMissing);
        result.Districts.AddRange(rollup.Districts.Select(d => ToContract(d, geography, rollup.Disclosure?.District(d.AreaCode)?.IsSuppressed ?? false)));
        return result;
    }

    private static DistrictFigure ToContract(Rollups.SourcedFigure figure, Geography geography, bool suppressed)
    {
        var result = new DistrictFigure
        {
            Suppressed = suppressed,
            AreaCode = figure.AreaCode,
            AreaName = geography.TryGet(figure.AreaCode, out var area) ? area.Name : figure.AreaCode,
            Revision = figure.Revision,
            Status = (Proto.ObservationStatus)((int)figure.Status + 1),
            ReturnId = figure.ReturnId,
        };
        if (figure.Figure.IsFraction)
        {
            result.Fraction = new Proto.Fraction { Numerator = figure.Figure.Numerator!.Value, Denominator = figure.Figure.Denominator!.Value };
            if (figure.Figure.Resolved is { } resolved)
            {
                result.Value = resolved;
            }
        }
        else if (figure.Figure.Value is { } value)
        {
            result.Value = value;
        }

        return result;
    }
}
