using Partnership.Security;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// What of a partner view of a county rollup a reader may see: a measure with any figure the reader
/// has no role for (restricted without <c>partner-reader</c>, safeguarding without
/// <c>safeguarding-reader</c>, suppressed ever) is left out whole, since its county figure would give
/// the hidden district figure away. The public view is disclosure-controlled instead.
/// </summary>
public static class RollupAccess
{
    public static CountyRollup ForReader(CountyRollup rollup, Caller caller) => rollup with
    {
        Measures = [.. rollup.Measures.Where(m =>
            ReadAccess.MayRead(caller, m.Measure, m.Measure.DefaultConfidentiality, ownArea: false)
            && m.Districts.All(d => ReadAccess.MayRead(caller, m.Measure, d.Confidentiality, ownArea: false)))],
    };
}
