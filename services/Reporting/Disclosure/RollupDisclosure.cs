using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Disclosure;

/// <summary>
/// Applies disclosure control to a county rollup for an audience: every output (gRPC, CSV, dashboard)
/// goes through here, so a public view never holds a hidden figure to leak.
/// </summary>
public static class RollupDisclosure
{
    public const string HiddenNote = "Figures marked * are hidden for disclosure control: counts from 1 to 4, and cells from which one could be worked out.";

    public static CountyRollup ForAudience(CountyRollup rollup, ReportAudience audience)
    {
        var results = new Dictionary<string, DisclosureResult>(StringComparer.Ordinal);
        var shown = new Dictionary<string, MeasureRollup>(StringComparer.Ordinal);

        // Derived rates are decided after their components, whose hidden cells they must follow.
        foreach (var measure in rollup.Measures.OrderBy(m => m.Measure.IsDerived))
        {
            var input = ToInput(measure, rollup.ForceArea.Code, audience);
            var result = measure.Measure.DerivedFrom is { } derived
                && results.TryGetValue(derived.Numerator, out var numerator)
                && results.TryGetValue(derived.Denominator, out var denominator)
                    ? DisclosureControl.ApplyToDerivedRate(input, numerator, denominator)
                    : DisclosureControl.Apply(input);
            results[measure.Measure.Id] = result;
            shown[measure.Measure.Id] = Redact(measure, result, controlled: audience == ReportAudience.Public && input.Confidentiality != Confidentiality.Free);
        }

        return rollup with { Measures = [.. rollup.Measures.Select(m => shown[m.Measure.Id])] };
    }

    /// <summary>The disclosure input for one measure's rollup, as the report shows it.</summary>
    public static DisclosureInput ToInput(MeasureRollup measure, string forceCode, ReportAudience audience)
    {
        var confidentiality = measure.Districts.Select(d => d.Confidentiality).Append(measure.Measure.DefaultConfidentiality).Max();
        var county = measure.CountyNumerator is { } n && measure.CountyDenominator is { } d
            ? new DisclosureCell(forceCode, Figure.OfFraction(n, d))
            : DisclosureCell.Of(forceCode, measure.CountyValue);
        var independent = measure.Measure.Rule == AggregationRule.CountyOnly;
        return new DisclosureInput(county, [.. measure.Districts.Select(f => new DisclosureCell(f.AreaCode, f.Figure))], audience == ReportAudience.Partner)
        {
            Confidentiality = confidentiality,
            Relation = independent ? CountyRelation.Independent : CountyRelation.SumOfDistricts,
            // A provisional sum of the districts present holds no unseen share; a submitted county figure does.
            DistrictsIncomplete = !independent && measure.Source == CountySource.SubmittedCountyFigure && measure.DistrictsMissing.Count > 0,
            DistrictSum = independent ? measure.DistrictSum : null,
        };
    }

    private static MeasureRollup Redact(MeasureRollup measure, DisclosureResult result, bool controlled)
    {
        if (!controlled)
        {
            return measure with { Disclosure = result };
        }

        var anyHidden = result.County.IsSuppressed || result.Districts.Any(d => d.IsSuppressed) || result.DistrictSum?.IsSuppressed == true;
        var countyValue = result.County.IsSuppressed ? null : measure.CountyValue;

        // Public outputs show rates, not the counts behind them: a numerator next to a published
        // denominator count would be a count the control never saw.
        var districts = measure.Districts.Select(f =>
        {
            var cell = result.District(f.AreaCode);
            var figure = cell is null || cell.IsSuppressed ? new Figure(null, null, null) : AsShown(f.Figure);
            return f with { Figure = figure };
        }).ToList();

        var districtSum = measure.Measure.Rule == AggregationRule.CountyOnly
            ? (result.DistrictSum?.IsSuppressed == true ? null : measure.DistrictSum)
            : (result.County.IsSuppressed ? null : measure.DistrictSum);

        // A second county figure beside the rollup is one more total to work a hidden cell out from.
        var submitted = measure.SubmittedCountyValue is { } s && !anyHidden && !(s > 0 && s < DisclosureControl.SmallestPublishedCount) ? s : (decimal?)null;
        var explanation = measure.Explanation;
        if (measure.SubmittedCountyValue is { } original && submitted is null && explanation.Contains(original.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            explanation = "A county figure was also submitted; it is hidden for disclosure control.";
        }

        if (anyHidden)
        {
            explanation = string.IsNullOrEmpty(explanation) ? HiddenNote : $"{explanation} {HiddenNote}";
        }

        return measure with
        {
            CountyValue = countyValue,
            CountyNumerator = null,
            CountyDenominator = null,
            Districts = districts,
            DistrictSum = districtSum,
            SubmittedCountyValue = submitted,
            Explanation = explanation,
            Disclosure = result,
        };
    }

    private static Figure AsShown(Figure figure) => figure.IsFraction ? new Figure(figure.Resolved, null, null) : figure;
}
