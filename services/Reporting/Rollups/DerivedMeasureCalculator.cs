using Partnership.Domain;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// Computes the measures the catalogue marks as derived (repeat missing people as a share of missing
/// people, domestic abuse crimes over incidents) from their components' rollups, as a ratio of sums:
/// the county rate is the county numerator over the county denominator, each taken by its own
/// measure's rule (the sum of districts, or the force figure for unique people), never a mean of
/// district rates.
/// </summary>
public static class DerivedMeasureCalculator
{
    public static IReadOnlyList<MeasureRollup> Calculate(
        MeasureCatalogue catalogue,
        IReadOnlyList<AreaDefinition> expectedDistricts,
        IReadOnlyList<MeasureRollup> rollups)
    {
        var byId = rollups.ToDictionary(r => r.Measure.Id, StringComparer.Ordinal);
        return [.. catalogue.All
            .Where(m => m.DerivedFrom is not null)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Where(m => byId.ContainsKey(m.DerivedFrom!.Numerator) && byId.ContainsKey(m.DerivedFrom.Denominator))
            .Select(m => Derive(m, expectedDistricts, byId[m.DerivedFrom!.Numerator], byId[m.DerivedFrom.Denominator]))];
    }

    public static MeasureRollup Derive(MeasureDefinition measure, IReadOnlyList<AreaDefinition> expectedDistricts, MeasureRollup numerator, MeasureRollup denominator)
    {
        var denominators = denominator.Districts.ToDictionary(d => d.AreaCode, StringComparer.Ordinal);
        var districts = new List<SourcedFigure>();
        foreach (var part in numerator.Districts)
        {
            if (denominators.TryGetValue(part.AreaCode, out var whole) && part.Figure.Value is { } n && whole.Figure.Value is { } d)
            {
                districts.Add(new SourcedFigure(
                    part.AreaCode,
                    Figure.OfFraction(n, d),
                    part.Status == ObservationStatus.Provisional ? part.Status : whole.Status,
                    (Confidentiality)Math.Max((int)part.Confidentiality, (int)whole.Confidentiality),
                    Math.Max(part.Revision, whole.Revision),
                    part.ReturnId == whole.ReturnId ? part.ReturnId : $"{part.ReturnId},{whole.ReturnId}"));
            }
        }

        var included = expectedDistricts.Select(a => a.Code).Where(c => districts.Any(d => d.AreaCode == c)).ToList();
        var missing = expectedDistricts.Select(a => a.Code).Where(c => !included.Contains(c)).ToList();
        var ordered = included.Select(c => districts.Single(d => d.AreaCode == c)).ToList();

        var notes = new List<string> { $"Derived by the aggregator as {numerator.Measure.Id} / {denominator.Measure.Id}, a ratio of the county figures." };
        decimal? value = null;
        if (numerator.CountyValue is { } countyNumerator && denominator.CountyValue is { } countyDenominator)
        {
            if (countyDenominator == 0)
            {
                notes.Add("The denominator is zero, so there is no rate.");
            }
            else
            {
                value = countyNumerator / countyDenominator;
            }
        }
        else
        {
            notes.Add("A county figure of a component is missing, so there is no county rate.");
        }

        var source = value is null ? CountySource.None : numerator.Source;
        return new MeasureRollup(
            measure,
            value,
            value is null ? null : numerator.CountyValue,
            value is null ? null : denominator.CountyValue,
            source,
            included,
            missing,
            numerator.Provisional || denominator.Provisional || value is null,
            ordered,
            null,
            null,
            string.Join(" ", notes));
    }
}
