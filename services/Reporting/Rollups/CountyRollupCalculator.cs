using Partnership.Domain;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// Turns district and force figures for one window into county figures, following each measure's
/// aggregation rule (docs/domain.md): sums add, ratios are the sum of numerators over the sum of
/// denominators (never the mean of district rates), county-only figures are taken as submitted
/// with the district figures beside them. A missing district is never silently left out.
/// </summary>
public static class CountyRollupCalculator
{
    public static MeasureRollup Calculate(
        MeasureDefinition measure,
        IReadOnlyList<AreaDefinition> expectedDistricts,
        IReadOnlyList<SourcedFigure> districtFigures,
        SourcedFigure? countyFigure)
    {
        // Every county cell of a report comes through here: one pass over the districts, in their order.
        var included = new List<string>(districtFigures.Count);
        var missing = new List<string>();
        var ordered = new List<SourcedFigure>(districtFigures.Count);
        for (var i = 0; i < expectedDistricts.Count; i++)
        {
            var code = expectedDistricts[i].Code;
            if (FigureOf(districtFigures, code) is { } figure)
            {
                included.Add(code);
                ordered.Add(figure);
            }
            else
            {
                missing.Add(code);
            }
        }

        var anyProvisional = ordered.Any(f => f.Status == ObservationStatus.Provisional)
            || countyFigure?.Status == ObservationStatus.Provisional;

        return measure.Rule switch
        {
            AggregationRule.CountyOnly => CountyOnly(measure, included, missing, ordered, countyFigure),
            AggregationRule.Ratio => Ratio(measure, expectedDistricts, included, missing, ordered, countyFigure, anyProvisional),
            _ => Sum(measure, expectedDistricts, included, missing, ordered, countyFigure, anyProvisional),
        };
    }

    // A force has a handful of districts: searching their figures costs less than a dictionary per county cell.
    private static SourcedFigure? FigureOf(IReadOnlyList<SourcedFigure> figures, string areaCode)
    {
        for (var i = 0; i < figures.Count; i++)
        {
            if (string.Equals(figures[i].AreaCode, areaCode, StringComparison.Ordinal))
            {
                return figures[i];
            }
        }

        return null;
    }

    private static MeasureRollup Sum(
        MeasureDefinition measure,
        IReadOnlyList<AreaDefinition> expected,
        List<string> included,
        List<string> missing,
        List<SourcedFigure> districts,
        SourcedFigure? county,
        bool anyProvisional)
    {
        decimal? rollup = districts.Count > 0 ? districts.Sum(f => f.Figure.Value ?? 0m) : null;
        var submitted = county?.Figure.Value;
        if (districts.Count > 0 && missing.Count == 0)
        {
            // A complete set of districts wins; a disagreeing county figure is shown beside it.
            return new MeasureRollup(measure, rollup, null, null, CountySource.DistrictRollup, included, missing, anyProvisional, districts, rollup,
                submitted, submitted is not null && submitted != rollup ? $"The county figure submitted ({submitted}) differs from the sum of districts." : "");
        }

        if (submitted is not null)
        {
            return new MeasureRollup(measure, submitted, null, null, CountySource.SubmittedCountyFigure, included, missing, anyProvisional || missing.Count > 0, districts, rollup,
                submitted, missing.Count == expected.Count ? "County figure as submitted; no district figures." : $"County figure as submitted; districts missing: {string.Join(", ", missing)}.");
        }

        if (rollup is null)
        {
            return Empty(measure, missing, "No figures have been submitted for this window.");
        }

        return new MeasureRollup(measure, rollup, null, null, CountySource.DistrictRollup, included, missing, true, districts, rollup, null,
            $"Provisional: incomplete, districts missing: {string.Join(", ", missing)}.");
    }

    private static MeasureRollup Ratio(
        MeasureDefinition measure,
        IReadOnlyList<AreaDefinition> expected,
        List<string> included,
        List<string> missing,
        List<SourcedFigure> districts,
        SourcedFigure? county,
        bool anyProvisional)
    {
        if (districts.Count == 0)
        {
            if (county is null)
            {
                return Empty(measure, missing, "No figures have been submitted for this window.");
            }

            return new MeasureRollup(measure, county.Figure.Resolved, county.Figure.Numerator, county.Figure.Denominator, CountySource.SubmittedCountyFigure,
                included, missing, anyProvisional, districts, null, county.Figure.Resolved, "County figure as submitted; no district figures.");
        }

        var numerator = districts.Sum(f => f.Figure.Numerator ?? 0m);
        var denominator = districts.Sum(f => f.Figure.Denominator ?? 0m);
        decimal? value = denominator == 0 ? null : numerator / denominator;
        var notes = new List<string>();
        if (value is null)
        {
            notes.Add("The districts' denominators add up to zero, so there is no rate.");
        }

        if (missing.Count > 0)
        {
            notes.Add($"Provisional: incomplete, districts missing: {string.Join(", ", missing)}.");
        }

        var submitted = county?.Figure.Resolved;
        if (submitted is not null && submitted != value)
        {
            notes.Add("A county figure was also submitted and is shown beside the rollup.");
        }

        return new MeasureRollup(measure, value, numerator, denominator, CountySource.DistrictRollup, included, missing,
            anyProvisional || missing.Count > 0, districts, null, submitted, string.Join(" ", notes));
    }

    private static MeasureRollup CountyOnly(
        MeasureDefinition measure,
        List<string> included,
        List<string> missing,
        List<SourcedFigure> districts,
        SourcedFigure? county)
    {
        // Unique people and survey rates do not add up: the district sum is shown for context only.
        decimal? districtSum = measure.Kind == FigureKind.Count && districts.Count > 0 ? districts.Sum(f => f.Figure.Value ?? 0m) : null;
        if (county is null)
        {
            return new MeasureRollup(measure, null, null, null, CountySource.None, included, missing, true, districts, districtSum, null,
                "County-only measure: the force-wide figure has not been submitted, and district figures are not added up to make one.");
        }

        var explanation = districtSum is not null && districtSum != county.Figure.Resolved
            ? "County-only measure: the force figure differs from the district sum, as expected for unique people or central units."
            : "";
        return new MeasureRollup(measure, county.Figure.Resolved, county.Figure.Numerator, county.Figure.Denominator, CountySource.SubmittedCountyFigure,
            included, missing, county.Status == ObservationStatus.Provisional, districts, districtSum, county.Figure.Resolved, explanation);
    }

    private static MeasureRollup Empty(MeasureDefinition measure, List<string> missing, string explanation) =>
        new(measure, null, null, null, CountySource.None, [], missing, true, [], null, null, explanation);
}
