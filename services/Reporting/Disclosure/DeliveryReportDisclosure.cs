using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Rollups;
using Partnership.Security;

namespace Partnership.Reporting.Disclosure;

/// <summary>
/// Disclosure control for the Delivery Quarterly Report, so every published form of it (gRPC, Markdown,
/// HTML, CSV, the dashboard) shows what <see cref="DisclosureControl"/> allows. In the public view each
/// window of a measure (the current and comparison windows of every comparison, and every point of its
/// series) is one table, the county cell and the district cells. In a disclosive measure (one that counts
/// people: missing children, not homicides) counts below the measure's threshold are hidden, and so is a
/// second cell wherever a hidden one could be worked out from the total and the other districts; other
/// measures are shown as they are, small counts too, restricted or free. A derived rate follows the
/// hidden cells of its components when they are in the report too. Public restricted ratios show the
/// rate without the counts behind it; figures marked suppressed are never shown. The partner view shows
/// true figures of each measure the reader has the role for (safeguarding figures need the safeguarding
/// reader role), and the rest as the public sees them.
/// </summary>
public sealed class DeliveryReportDisclosure(ReadAccess access) : IReportDisclosure
{
    public const string WithheldExplanation = "Withheld from the public report (disclosure control).";

    public DeliveryReport Apply(DeliveryReport report, ReportAudience audience, Caller caller)
    {
        // Components are decided before the rates derived from them, whose hidden cells must follow theirs.
        var decided = new Dictionary<(string Measure, Period Window), DisclosureResult>();
        var shown = new Dictionary<MeasureReport, MeasureReport>(ReferenceEqualityComparer.Instance);
        foreach (var measure in report.Rows().Select(r => r.Measure).OrderBy(m => m.Measure?.IsDerived == true))
        {
            shown[measure] = audience == ReportAudience.Partner && MayReadTrueFigures(caller, measure, report.Force.Code)
                ? measure
                : new MeasureDisclosure(measure, report.Force.Code, decided).Protect();
        }

        return report with
        {
            Audience = audience,
            Themes = [.. report.Themes.Select(t => t with
            {
                Objectives = [.. t.Objectives.Select(o => o with { Measures = [.. o.Measures.Select(m => shown[m])] })],
            })],
        };
    }

    /// <summary>Every cell of the measure, the county's and each district's in every window, must be readable by the reader where it is.</summary>
    private bool MayReadTrueFigures(Caller caller, MeasureReport measure, string forceCode)
    {
        if (measure.Measure is not { } definition)
        {
            return true;
        }

        var cells = measure.Districts.Select(d => (d.Area.Code, d.Comparisons)).Prepend((Code: forceCode, measure.County.Comparisons))
            .SelectMany(a => a.Comparisons.SelectMany(c => new[] { c.Current, c.Previous }).Where(c => c.HasValue).Select(c => (Area: a.Code, Cell: c)));
        return access.MayRead(caller, definition, definition.DefaultConfidentiality, forceCode, measure.County.Comparisons.FirstOrDefault()?.Current.Window.End ?? DateOnly.MinValue)
            && cells.All(c => access.MayRead(caller, definition, c.Cell.Confidentiality, c.Area, c.Cell.Window.End));
    }

    /// <summary>One measure's windows, each decided as one table of county and district cells.</summary>
    private sealed class MeasureDisclosure(MeasureReport measure, string forceCode, Dictionary<(string Measure, Period Window), DisclosureResult> decided)
    {
        // The county and every district of a comparison share one table: decided once, read by each.
        private readonly Dictionary<(ComparisonKind Kind, bool Current), Decision> _tables = [];

        private bool Independent => measure.Measure?.Rule == AggregationRule.CountyOnly;

        // A row whose measure the catalogue does not know is controlled as a disclosive one: the safe side.
        private DisclosureRule? Rule => measure.Measure is { } definition ? definition.Disclosure : new DisclosureRule();

        public MeasureReport Protect()
        {
            var county = measure.County with { Comparisons = [.. measure.County.Comparisons.Select(c => Comparison(c, ForCounty))] };
            var districts = measure.Districts.Select(d => d with
            {
                Comparisons = [.. d.Comparisons.Select(c => Comparison(c, (decision, cell) => ForDistrict(decision, d.Area.Code, cell)))],
            }).ToList();
            return measure with { County = county, Districts = districts, Series = ProtectSeries() };
        }

        private AreaComparison Comparison(AreaComparison comparison, Func<Decision, ReportCell, ReportCell> protect)
        {
            var current = protect(DecideTable(comparison.Kind, current: true), comparison.Current);
            var previous = protect(DecideTable(comparison.Kind, current: false), comparison.Previous);
            if (!current.Withheld && !previous.Withheld)
            {
                return comparison with { Current = current, Previous = previous };
            }

            // A change or a status worked out from a hidden figure would give it away.
            return comparison with { Current = current, Previous = previous, Change = null, Status = current.Withheld ? null : comparison.Status };
        }

        private Decision DecideTable(ComparisonKind kind, bool current)
        {
            if (!_tables.TryGetValue((kind, current), out var decision))
            {
                decision = Decide(Table(kind, current));
                _tables.Add((kind, current), decision);
            }

            return decision;
        }

        /// <summary>The cells of one window of one comparison: the county's and each district's.</summary>
        private TableWindow Table(ComparisonKind kind, bool current)
        {
            ReportCell Pick(AreaComparison c) => current ? c.Current : c.Previous;
            var county = Pick(measure.County.For(kind)!);
            var districts = measure.Districts.Select(d => d.For(kind) is { } c ? (d.Area.Code, Pick(c)) : (d.Area.Code, ReportCell.Empty(county.Window, ""))).ToList();
            return new TableWindow(county, districts);
        }

        private IReadOnlyList<SeriesLine> ProtectSeries()
        {
            if (measure.Series.Count == 0)
            {
                return measure.Series;
            }

            var countyLine = measure.Series.FirstOrDefault(l => l.IsCounty);
            var windows = measure.Series[0].Points.Count;
            var results = Enumerable.Range(0, windows).Select(i =>
            {
                var county = countyLine?.Points[i].Cell ?? ReportCell.Empty(measure.Series[0].Points[i].Window, "");
                var table = new TableWindow(county, [.. measure.Series.Where(l => !l.IsCounty).Select(l => (l.Area.Code, l.Points[i].Cell ?? ReportCell.Empty(county.Window, "")))]);
                return Decide(table).Result;
            }).ToList();

            // The point keeps no cell in a public report: the chart shows the value, or that it is withheld.
            return [.. measure.Series.Select(line => line with
            {
                Points = [.. line.Points.Select((p, i) =>
                {
                    var cell = line.IsCounty ? results[i].County : results[i].District(line.Area.Code);
                    return cell is { IsSuppressed: true } && p.Value is not null ? p with { Value = null, Withheld = true, Cell = null } : p with { Cell = null };
                })],
            })];
        }

        private Decision Decide(TableWindow table)
        {
            var key = (measure.Id, table.County.Window);
            var input = Input(table);
            var result = measure.Measure?.DerivedFrom is { } derived
                && decided.TryGetValue((derived.Numerator, table.County.Window), out var numerator)
                && derived.Denominator is { } denominatorId
                && decided.TryGetValue((denominatorId, table.County.Window), out var denominator)
                    ? DisclosureControl.ApplyToDerivedRate(input, numerator, denominator)
                    : DisclosureControl.Apply(input);
            decided.TryAdd(key, result);
            return new Decision(result, Restricted: MaxConfidentiality(table) != Confidentiality.Free);
        }

        private Confidentiality MaxConfidentiality(TableWindow table) =>
            table.Districts.Select(d => d.Cell)
                .Append(table.County)
                .Where(c => c.HasValue)
                .Select(c => c.Confidentiality)
                .Append(measure.Measure?.DefaultConfidentiality ?? Confidentiality.Free)
                .Max();

        private DisclosureInput Input(TableWindow table)
        {
            var confidentiality = MaxConfidentiality(table);
            var districtSum = table.County.DistrictSum
                ?? (table.Districts.Any(d => d.Cell.Value is not null) ? table.Districts.Sum(d => d.Cell.Value ?? 0m) : null);
            return new DisclosureInput(Cell(forceCode, table.County), [.. table.Districts.Select(d => Cell(d.Code, d.Cell))], ViewerMaySeeRestricted: false)
            {
                Confidentiality = confidentiality,
                Disclosure = Rule,
                Relation = Independent ? CountyRelation.Independent : CountyRelation.SumOfDistricts,
                DistrictsIncomplete = !Independent && table.County.Source == CountySource.SubmittedCountyFigure && table.County.Missing.Count > 0,
                DistrictSum = Independent ? districtSum : null,
            };
        }

        /// <summary>
        /// A count is controlled by its value, a ratio by its numerator and denominator; a percentage
        /// without its counts (a survey) is no count of people and is left to its confidentiality.
        /// </summary>
        private DisclosureCell Cell(string key, ReportCell cell) =>
            cell.Numerator is { } n && cell.Denominator is { } d ? new DisclosureCell(key, Figure.OfFraction(n, d))
            : measure.Kind == FigureKind.Count ? DisclosureCell.Of(key, cell.Value)
            : DisclosureCell.Of(key, null);

        private ReportCell ForCounty(Decision decision, ReportCell cell)
        {
            var result = decision.Result;
            if (result.County.IsSuppressed)
            {
                return Withhold(cell);
            }

            var anyHidden = result.Districts.Any(d => d.IsSuppressed) || result.DistrictSum?.IsSuppressed == true;
            var districtSumHidden = Independent ? result.DistrictSum?.IsSuppressed == true : anyHidden;
            return Shown(decision, cell) with
            {
                DistrictSum = districtSumHidden ? null : cell.DistrictSum,
                // A second county figure beside the rollup is one more total to work a hidden cell out from.
                SubmittedCountyValue = anyHidden || (cell.SubmittedCountyValue is { } submitted && Rule?.Hides(submitted) == true) ? null : cell.SubmittedCountyValue,
            };
        }

        private static ReportCell ForDistrict(Decision decision, string areaCode, ReportCell cell) =>
            decision.Result.District(areaCode) is { IsSuppressed: true } ? Withhold(cell) : Shown(decision, cell);

        /// <summary>A restricted rate is published without its counts: a numerator beside a published denominator would be a count the control never saw.</summary>
        private static ReportCell Shown(Decision decision, ReportCell cell) => decision.Restricted ? cell with { Numerator = null, Denominator = null } : cell;

        private static ReportCell Withhold(ReportCell cell) => cell.HasValue
            ? cell with { Value = null, Numerator = null, Denominator = null, DistrictSum = null, SubmittedCountyValue = null, Withheld = true, Explanation = WithheldExplanation }
            : cell;
    }

    /// <param name="Restricted">The figures are not free: shown ones go without the counts behind a rate.</param>
    private sealed record Decision(DisclosureResult Result, bool Restricted);

    private sealed record TableWindow(ReportCell County, IReadOnlyList<(string Code, ReportCell Cell)> Districts);
}
