using Partnership.Security;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// What of a partner view of a county rollup a reader may see: a measure with any figure the reader
/// may not read (<see cref="ReadAccess"/>: restricted without <c>partner-reader</c>, safeguarding without
/// <c>safeguarding-reader</c>, suppressed ever) is left out whole, since its county figure would give
/// the hidden district figure away. The public view is disclosure-controlled instead.
/// </summary>
public static class RollupAccess
{
    public static CountyRollup ForReader(CountyRollup rollup, Caller caller, ReadAccess access) => rollup with
    {
        Measures = [.. rollup.Measures.Where(m =>
            access.MayRead(caller, m.Measure, m.Measure.DefaultConfidentiality, rollup.ForceArea.Code, On(rollup, m))
            && m.Districts.All(d => access.MayRead(caller, m.Measure, d.Confidentiality, d.AreaCode, On(rollup, m))))],
    };

    // A force figure carried forward from an earlier period is judged on the date it was for.
    private static DateOnly On(CountyRollup rollup, MeasureRollup measure) => (measure.FigurePeriod ?? rollup.Period).End;
}
