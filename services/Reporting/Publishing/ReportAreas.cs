using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>Which rows of a measure an output shows: the county then every district, or the one district asked for.</summary>
public static class ReportAreas
{
    public static IReadOnlyList<AreaReport> Shown(MeasureReport measure, string? district)
    {
        if (district is not { Length: > 0 })
        {
            return [measure.County, .. measure.Districts];
        }

        // A force-level measure has no district rows: the county figure is all there is to show.
        var rows = measure.Districts.Where(d => d.Area.Code == district).ToList();
        return rows.Count > 0 ? rows : [measure.County];
    }
}
