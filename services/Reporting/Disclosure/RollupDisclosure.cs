using System.Globalization;
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
    /// <summary>The note of a measure with hidden cells, naming its threshold (counts of people from 1 to threshold − 1).</summary>
    public static string HiddenNote(DisclosureRule rule) =>
        $"Figures marked * are hidden for disclosure control: counts of people from 1 to {(rule.Threshold - 1).ToString(CultureInfo.InvariantCulture)}, and cells from which one could be worked out.";

    public const string WithheldNote = "Figures marked * are withheld: they are never published.";

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
                && derived.Denominator is { } denominatorId
                && results.TryGetValue(denominatorId, out var denominator)
                    ? DisclosureControl.ApplyToDerivedRate(input, numerator, denominator)
                    : DisclosureControl.Apply(input);
            results[measure.Measure.Id] = result;
            shown[measure.Measure.Id] = audience == ReportAudience.Public
                ? Redact(measure, result, withoutCounts: input.Confidentiality != Confidentiality.Free)
                : measure with { Disclosure = result };
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
            Disclosure = measure.Measure.Disclosure,
            Relation = independent ? CountyRelation.Independent : CountyRelation.SumOfDistricts,
            // A provisional sum of the districts present holds no unseen share; a submitted county figure does.
            DistrictsIncomplete = !independent && measure.Source == CountySource.SubmittedCountyFigure && measure.DistrictsMissing.Count > 0,
            DistrictSum = independent ? measure.DistrictSum : null,
        };
    }

    /// <param name="withoutCounts">The figures are not free: rates are published without the counts behind them.</param>
    private static MeasureRollup Redact(MeasureRollup measure, DisclosureResult result, bool withoutCounts)
    {
        var anyHidden = result.County.IsSuppressed || result.Districts.Any(d => d.IsSuppressed) || result.DistrictSum?.IsSuppressed == true;
        var countyValue = result.County.IsSuppressed ? null : measure.CountyValue;

        // Public outputs of restricted figures show rates, not the counts behind them: a numerator next
        // to a published denominator count would be a count the control never saw.
        var districts = measure.Districts.Select(f =>
        {
            var cell = result.District(f.AreaCode);
            var figure = cell is null || cell.IsSuppressed ? new Figure(null, null, null) : withoutCounts ? AsShown(f.Figure) : f.Figure;
            return f with { Figure = figure };
        }).ToList();

        var districtSum = measure.Measure.Rule == AggregationRule.CountyOnly
            ? (result.DistrictSum?.IsSuppressed == true ? null : measure.DistrictSum)
            : (result.County.IsSuppressed ? null : measure.DistrictSum);

        // A second county figure beside the rollup is one more total to work a hidden cell out from.
        var submitted = measure.SubmittedCountyValue is { } s && !anyHidden && measure.Measure.Disclosure?.Hides(s) != true ? s : (decimal?)null;
        var explanation = measure.Explanation;
        if (measure.SubmittedCountyValue is { } original && submitted is null && explanation.Contains(original.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            explanation = "A county figure was also submitted; it is hidden for disclosure control.";
        }

        if (anyHidden)
        {
            var note = result.County.Suppression == Suppression.Withheld ? WithheldNote : HiddenNote(measure.Measure.Disclosure ?? new DisclosureRule());
            explanation = string.IsNullOrEmpty(explanation) ? note : $"{explanation} {note}";
        }

        var countyCounts = !withoutCounts && !result.County.IsSuppressed;
        return measure with
        {
            CountyValue = countyValue,
            CountyNumerator = countyCounts ? measure.CountyNumerator : null,
            CountyDenominator = countyCounts ? measure.CountyDenominator : null,
            Districts = districts,
            DistrictSum = districtSum,
            SubmittedCountyValue = submitted,
            Explanation = explanation,
            Disclosure = result,
        };
    }

    private static Figure AsShown(Figure figure) => figure.IsFraction ? new Figure(figure.Resolved, null, null) : figure;
}
