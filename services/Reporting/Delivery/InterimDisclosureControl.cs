using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// A deliberately cautious stand-in for the disclosure-control component (see <see cref="IReportDisclosure"/>).
/// Public view: restricted and suppressed figures are withheld; a count from 1 to 4 (a value, or a
/// rate's numerator or denominator) is withheld (shown as *), and then every district figure of that
/// measure and window is withheld too, so no withheld figure can be worked out from the county total
/// and the other districts (secondary suppression by whole breakdown, which over-suppresses rather
/// than risk disclosure). Changes and statuses built on a withheld figure go with it. Partners see all.
/// </summary>
public sealed class InterimDisclosureControl : IReportDisclosure
{
    public DeliveryReport Apply(DeliveryReport report, ReportAudience audience)
    {
        if (audience == ReportAudience.Partner)
        {
            return report with { Audience = audience };
        }

        return report with
        {
            Audience = audience,
            Themes = [.. report.Themes.Select(t => t with
            {
                Objectives = [.. t.Objectives.Select(o => o with { Measures = [.. o.Measures.Select(Protect)] })],
            })],
        };
    }

    public static bool IsSmall(decimal? count) => count is > 0m and < 5m;

    private static MeasureReport Protect(MeasureReport measure)
    {
        var comparisons = measure.County.Comparisons.Select(c => c.Kind).ToList();
        var county = measure.County with { Comparisons = [.. measure.County.Comparisons.Select(c => ProtectComparison(c, PrimaryWithheld(measure.Kind, c.Current), PrimaryWithheld(measure.Kind, c.Previous)))] };
        var districts = measure.Districts.Select(d => d with
        {
            Comparisons = [.. d.Comparisons.Select(c => ProtectComparison(c,
                AnyDistrictWithheld(measure, c.Kind, current: true), AnyDistrictWithheld(measure, c.Kind, current: false)))],
        }).ToList();

        // A county-only district sum is derivable into the withheld district; it goes too.
        county = county with
        {
            Comparisons = [.. county.Comparisons.Select(c => c with
            {
                Current = AnyDistrictWithheld(measure, c.Kind, current: true) ? c.Current with { DistrictSum = null } : c.Current,
                Previous = AnyDistrictWithheld(measure, c.Kind, current: false) ? c.Previous with { DistrictSum = null } : c.Previous,
            })],
        };

        // Series points carry rates without their counts; only count series can show a small count.
        var series = measure.Series.Count == 0 || measure.Kind != FigureKind.Count ? measure.Series : ProtectSeries(measure);
        return measure with { County = county, Districts = districts, Series = series };
    }

    private static bool PrimaryWithheld(FigureKind kind, ReportCell cell) =>
        cell.HasValue && (cell.Confidentiality != Confidentiality.Free || (kind == FigureKind.Count && IsSmall(cell.Value)) || IsSmall(cell.Numerator) || IsSmall(cell.Denominator));

    private static bool AnyDistrictWithheld(MeasureReport measure, ComparisonKind kind, bool current) =>
        measure.Districts.Any(d => d.For(kind) is { } c && PrimaryWithheld(measure.Kind, current ? c.Current : c.Previous));

    private static AreaComparison ProtectComparison(AreaComparison comparison, bool withholdCurrent, bool withholdPrevious)
    {
        if (!withholdCurrent && !withholdPrevious)
        {
            return comparison;
        }

        return comparison with
        {
            Current = withholdCurrent ? Withhold(comparison.Current) : comparison.Current,
            Previous = withholdPrevious ? Withhold(comparison.Previous) : comparison.Previous,
            Change = null,
            Status = withholdCurrent ? null : comparison.Status,
        };
    }

    private static ReportCell Withhold(ReportCell cell) => cell.HasValue
        ? cell with { Value = null, Numerator = null, Denominator = null, DistrictSum = null, SubmittedCountyValue = null, Withheld = true, Explanation = "Withheld from the public report (disclosure control)." }
        : cell;

    private static IReadOnlyList<SeriesLine> ProtectSeries(MeasureReport measure)
    {
        var county = measure.Series.Where(l => l.IsCounty).ToList();
        var districts = measure.Series.Where(l => !l.IsCounty).ToList();
        var windows = measure.Series[0].Points.Count;
        var districtWithheld = Enumerable.Range(0, windows).Select(i => districts.Any(l => IsSmall(l.Points[i].Value))).ToArray();
        return
        [
            .. county.Select(l => l with { Points = [.. l.Points.Select(p => IsSmall(p.Value) ? p with { Value = null, Withheld = true } : p)] }),
            .. districts.Select(l => l with { Points = [.. l.Points.Select((p, i) => districtWithheld[i] && p.Value is not null ? p with { Value = null, Withheld = true } : p)] }),
        ];
    }
}
