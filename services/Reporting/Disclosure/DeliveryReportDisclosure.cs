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
        var components = report.Rows()
            .SelectMany(r => r.Measure.Measure?.DerivedFrom is { } derived ? [derived.Numerator, derived.Denominator] : Array.Empty<string?>())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var measure in report.Rows().Select(r => r.Measure).OrderBy(m => m.Measure?.IsDerived == true))
        {
            shown[measure] = audience == ReportAudience.Partner && MayReadTrueFigures(caller, measure, report.Force.Code)
                ? measure
                : new MeasureDisclosure(measure, report.Force.Code, decided, components.Contains(measure.Id)).Protect();
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
    /// <param name="component">A rate in the report is derived from this measure, so its hidden cells must follow this measure's decisions.</param>
    private sealed class MeasureDisclosure(MeasureReport measure, string forceCode, Dictionary<(string Measure, Period Window), DisclosureResult> decided, bool component)
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
            var compared = measure.County.For(kind)!;
            var county = current ? compared.Current : compared.Previous;
            var districts = new (string Code, ReportCell Cell)[measure.Districts.Count];
            for (var i = 0; i < districts.Length; i++)
            {
                var district = measure.Districts[i];
                districts[i] = district.For(kind) is { } c ? (district.Area.Code, current ? c.Current : c.Previous) : (district.Area.Code, ReportCell.Empty(county.Window, ""));
            }

            return new TableWindow(county, districts);
        }

        private IReadOnlyList<SeriesLine> ProtectSeries()
        {
            if (measure.Series.Count == 0)
            {
                return measure.Series;
            }

            // Loops rather than queries: a report has a table for each point of each measure's series.
            var countyLine = measure.Series.FirstOrDefault(l => l.IsCounty);
            var districtLines = measure.Series.Count - (countyLine is null ? 0 : 1);
            var windows = measure.Series[0].Points.Count;
            var results = new DisclosureResult?[windows];
            for (var i = 0; i < windows; i++)
            {
                var county = countyLine?.Points[i].Cell ?? ReportCell.Empty(measure.Series[0].Points[i].Window, "");
                var districts = new (string Code, ReportCell Cell)[districtLines];
                var d = 0;
                foreach (var line in measure.Series)
                {
                    if (!line.IsCounty)
                    {
                        districts[d++] = (line.Area.Code, line.Points[i].Cell ?? ReportCell.Empty(county.Window, ""));
                    }
                }

                results[i] = Decide(new TableWindow(county, districts)).Result;
            }

            // The point keeps no cell in a public report: the chart shows the value, or that it is withheld.
            var lines = new SeriesLine[measure.Series.Count];
            for (var l = 0; l < lines.Length; l++)
            {
                var line = measure.Series[l];
                var points = new SeriesPoint[line.Points.Count];
                for (var i = 0; i < points.Length; i++)
                {
                    var p = line.Points[i];
                    var cell = line.IsCounty ? results[i]?.County : results[i]?.District(line.Area.Code);
                    points[i] = cell is { IsSuppressed: true } && p.Value is not null ? p with { Value = null, Withheld = true, Cell = null } : p with { Cell = null };
                }

                lines[l] = line with { Points = points };
            }

            return lines;
        }

        private Decision Decide(TableWindow table)
        {
            var key = (measure.Id, table.County.Window);
            var confidentiality = MaxConfidentiality(table);
            if (Rule is null && confidentiality != Confidentiality.Suppressed && !component)
            {
                // A measure that counts no people, with no figure withheld, is shown as it is, as DisclosureControl
                // would decide cell by cell: most of a report's tables, so nothing is made for them.
                return confidentiality == Confidentiality.Free ? Decision.ShownFree : Decision.ShownRestricted;
            }

            var input = Input(table, confidentiality);
            var result = measure.Measure?.DerivedFrom is { } derived
                && decided.TryGetValue((derived.Numerator, table.County.Window), out var numerator)
                && derived.Denominator is { } denominatorId
                && decided.TryGetValue((denominatorId, table.County.Window), out var denominator)
                    ? DisclosureControl.ApplyToDerivedRate(input, numerator, denominator)
                    : DisclosureControl.Apply(input);
            decided.TryAdd(key, result);
            return new Decision(result, Restricted: confidentiality != Confidentiality.Free);
        }

        /// <summary>The highest confidentiality of the table's figures, and never below the measure's own.</summary>
        private Confidentiality MaxConfidentiality(TableWindow table)
        {
            var highest = measure.Measure?.DefaultConfidentiality ?? Confidentiality.Free;
            if (table.County.HasValue && table.County.Confidentiality > highest)
            {
                highest = table.County.Confidentiality;
            }

            for (var i = 0; i < table.Districts.Count; i++)
            {
                var cell = table.Districts[i].Cell;
                if (cell.HasValue && cell.Confidentiality > highest)
                {
                    highest = cell.Confidentiality;
                }
            }

            return highest;
        }

        private DisclosureInput Input(TableWindow table, Confidentiality confidentiality)
        {
            decimal? sum = null;
            var cells = new DisclosureCell[table.Districts.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var (code, cell) = table.Districts[i];
                cells[i] = Cell(code, cell);
                if (cell.Value is { } value)
                {
                    sum = (sum ?? 0m) + value;
                }
            }

            var districtSum = table.County.DistrictSum ?? sum;
            return new DisclosureInput(Cell(forceCode, table.County), cells, ViewerMaySeeRestricted: false)
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
            if (decision.Result is not { } result)
            {
                return Shown(decision, cell);
            }

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
            decision.Result?.District(areaCode) is { IsSuppressed: true } ? Withhold(cell) : Shown(decision, cell);

        /// <summary>A restricted rate is published without its counts: a numerator beside a published denominator would be a count the control never saw.</summary>
        private static ReportCell Shown(Decision decision, ReportCell cell) => decision.Restricted ? cell with { Numerator = null, Denominator = null } : cell;

        private static ReportCell Withhold(ReportCell cell) => cell.HasValue
            ? cell with { Value = null, Numerator = null, Denominator = null, DistrictSum = null, SubmittedCountyValue = null, Withheld = true, Explanation = WithheldExplanation }
            : cell;
    }

    /// <param name="Result">Cell by cell; null when every cell is shown as it is.</param>
    /// <param name="Restricted">The figures are not free: shown ones go without the counts behind a rate.</param>
    private sealed record Decision(DisclosureResult? Result, bool Restricted)
    {
        public static Decision ShownFree { get; } = new(null, Restricted: false);

        public static Decision ShownRestricted { get; } = new(null, Restricted: true);
    }

    private sealed record TableWindow(ReportCell County, IReadOnlyList<(string Code, ReportCell Cell)> Districts);
}
