using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// One measure's cells of a force, each area and window resolved once however often a report shows it:
/// a district's figure by <see cref="WindowResolver"/>, the county's by <see cref="CountyRollupCalculator"/>
/// over the districts resolved for the same window. A derived rate is worked out here too, in every
/// window, as a ratio of its components' figures for that window and area (their sums, by each
/// component's own rule), never a mean of rates; an empty one names the component that is missing.
/// A rate per 1,000 population is its count's figure for the window over the area's mid-year estimate
/// for the window's year (<see cref="PopulationEstimates.YearOf"/>), times 1,000: the county's is the
/// county count over the force's population, never a mean of district rates.
/// </summary>
public sealed class MeasureWindows
{
    private readonly ForceWindows _force;
    private readonly IReadOnlyDictionary<string, AreaFigures> _data;
    private readonly (MeasureWindows Numerator, MeasureWindows Denominator)? _components;
    private readonly MeasureWindows? _count;
    private readonly Dictionary<Period, CountyWindow> _county;
    private readonly Dictionary<(string Area, Period Window, DateOnly? Date), ResolvedFigure> _resolved;
    private Dictionary<(string Area, Period Window), ReportCell>? _districts;

    internal MeasureWindows(ForceWindows force, MeasureDefinition measure, IReadOnlyDictionary<string, AreaFigures> data, (MeasureWindows, MeasureWindows)? components, MeasureWindows? count = null)
    {
        _force = force;
        Measure = measure;
        _data = data;
        _components = components;
        _count = count;
        // Every window's county cell resolves every district for it, whether or not any has figures.
        _county = new(force.Expected.Windows);
        _resolved = new(force.Expected.Areas * force.Expected.Windows);
    }

    public MeasureDefinition Measure { get; }

    /// <summary>The figures submitted for an area (none for a derived measure: it is never submitted).</summary>
    public AreaFigures Figures(string area) => _data.GetValueOrDefault(area) ?? AreaFigures.None;

    /// <summary>Whether the area has any figure this measure can be shown from (for a derived rate, of a component).</summary>
    public bool HasFigures(string area) => _components is var (numerator, denominator)
        ? numerator.HasFigures(area) || denominator.HasFigures(area)
        : _count?.HasFigures(area) ?? Figures(area).Count > 0;

    /// <summary>The start of the area's earliest figure (for a derived rate, of either component).</summary>
    public DateOnly? EarliestStart(string area) => _components is var (numerator, denominator)
        ? new[] { numerator.EarliestStart(area), denominator.EarliestStart(area) }.Min()
        : _count is not null ? _count.EarliestStart(area) : Figures(area).EarliestStart;

    public ResolvedFigure Resolve(string area, Period window, DateOnly? date = null)
    {
        if (!_resolved.TryGetValue((area, window, date), out var resolved))
        {
            resolved = _components is var (numerator, denominator)
                ? Derive(area, window, numerator.Resolve(area, window), denominator.Resolve(area, window))
                : _count is not null ? PerPopulation(area, window, _count.Resolve(area, window))
                : WindowResolver.Resolve(Measure, area, Figures(area), window, date);
            _resolved.Add((area, window, date), resolved);
        }

        return resolved;
    }

    /// <summary>The county cell of a window, with the district figures it was built from.</summary>
    public ReportCell County(Period window) => CountyOf(window).Cell;

    /// <summary>The districts' figures behind the county cell of a window (only those that have one).</summary>
    public IReadOnlyList<ResolvedFigure> CountyDistricts(Period window) => CountyOf(window).Districts;

    public ReportCell District(string area, Period window)
    {
        // Only measures with district figures show district cells.
        _districts ??= new(Math.Max(0, _force.Expected.Areas - 1) * _force.Expected.Windows);
        if (!_districts.TryGetValue((area, window), out var cell))
        {
            var resolved = Resolve(area, window);
            cell = DistrictCell(resolved);
            if (resolved.Population is { } population && _count!.Resolve(area, window).Figure?.Figure.Resolved is { } count)
            {
                cell = cell with { Numerator = count, Denominator = population.Population, Population = population };
            }

            _districts.Add((area, window), cell);
        }

        return cell;
    }

    /// <summary>
    /// The districts a county figure expects: none for a measure submitted for the force as a whole
    /// (so its county figure is not provisional for want of districts), unless districts sent some.
    /// </summary>
    private IReadOnlyList<AreaDefinition> Expected(Period window)
    {
        var districts = _force.DistrictsOn(window.End);
        return Measure.Level == SubmissionLevel.Force && !districts.Any(d => HasFigures(d.Code)) ? [] : districts;
    }

    private CountyWindow CountyOf(Period window)
    {
        if (!_county.TryGetValue(window, out var county))
        {
            county = _components is var (numerator, denominator) ? DerivedCounty(window, numerator, denominator)
                : _count is not null ? PerPopulationCounty(window, _count)
                : SubmittedCounty(window);
            _county.Add(window, county);
        }

        return county;
    }

    private CountyWindow SubmittedCounty(Period window)
    {
        var expected = Expected(window);
        DateOnly? date = Measure.Rule == AggregationRule.SnapshotSum
            ? WindowResolver.LatestSnapshotDate(expected.Select(d => Figures(d.Code)).Append(Figures(_force.Force.Code)), window)
            : null;
        // Every county cell of a report comes here: lists are sized once, and made only when needed.
        var found = new List<ResolvedFigure>(expected.Count);
        List<ResolvedFigure>? unresolved = null;
        for (var i = 0; i < expected.Count; i++)
        {
            var district = Resolve(expected[i].Code, window, date);
            if (district.Figure is null)
            {
                (unresolved ??= []).Add(district);
            }
            else
            {
                found.Add(district);
            }
        }

        var county = Resolve(_force.Force.Code, window, date);
        if (found.Count == 0 && county.Figure is null && Measure.Rule != AggregationRule.CountyOnly)
        {
            return new CountyWindow(ReportCell.Empty(window, "No figures: " + Reasons([county, .. unresolved ?? []])), []);
        }

        var figures = new SourcedFigure[found.Count];
        for (var i = 0; i < figures.Length; i++)
        {
            figures[i] = found[i].Figure!;
        }

        var rollup = CountyRollupCalculator.Calculate(Measure, expected, figures, county.Figure);
        var used = rollup.Source == CountySource.SubmittedCountyFigure ? [county] : found;
        // The county's own figure is shown beside a rollup of the districts, so its sources and notes are the cell's too.
        List<ResolvedFigure> shown = county.Figure is not null && rollup.Source != CountySource.SubmittedCountyFigure ? [.. used, county] : used;
        var sources = FigureSource.All(shown, u => u.Sources);
        var notes = new List<string>(2);
        if (rollup.Explanation.Length > 0)
        {
            notes.Add(rollup.Explanation);
        }

        if (unresolved is not null && rollup.Source == CountySource.DistrictRollup)
        {
            notes.Add(Reasons(unresolved));
        }
        else if (rollup.CountyValue is null && county.Why.Length > 0)
        {
            notes.Add(Reasons([county]));
        }

        var confidentiality = Confidentiality.Free;
        foreach (var figure in shown)
        {
            if (figure.Note.Length > 0)
            {
                notes.Add($"{_force.NameOf(figure.AreaCode)}: {figure.Note}.");
            }

            confidentiality = figure.Figure!.Confidentiality > confidentiality ? figure.Figure.Confidentiality : confidentiality;
        }

        var method = FigureMethod.None;
        foreach (var figure in used)
        {
            method = figure.Method > method ? figure.Method : method;
        }

        // Returns in conflict over a figure are named in the cell, with both figures.
        notes.AddRange(FigureSource.Conflicts(sources));
        var cell = new ReportCell(
            window,
            rollup.CountyValue,
            rollup.CountyNumerator,
            rollup.CountyDenominator,
            rollup.CountyValue is null ? FigureMethod.None : method,
            date,
            rollup.Provisional,
            confidentiality,
            sources,
            string.Join(" ", notes),
            rollup.Source,
            rollup.DistrictsIncluded,
            rollup.DistrictsMissing,
            rollup.DistrictSum,
            rollup.SubmittedCountyValue);
        return new CountyWindow(cell, found);
    }

    /// <summary>
    /// A derived county rate: the county numerator over the county denominator, each the county figure
    /// of its own measure for this window (a sum of districts, or the force's count of unique people).
    /// </summary>
    private CountyWindow DerivedCounty(Period window, MeasureWindows numerator, MeasureWindows denominator)
    {
        var expected = Expected(window);
        var districts = expected.Select(d => Resolve(d.Code, window)).Where(d => d.Figure is not null).ToList();
        var included = districts.Select(d => d.AreaCode).ToList();
        var missing = expected.Select(d => d.Code).Where(c => !included.Contains(c, StringComparer.Ordinal)).ToList();
        var parts = new[] { (Measure: numerator.Measure, Cell: numerator.County(window)), (Measure: denominator.Measure, Cell: denominator.County(window)) };
        var definition = $"Derived by the aggregator as {numerator.Measure.Id} / {denominator.Measure.Id}, a ratio of the county figures.";
        foreach (var (component, part) in parts.Where(p => p.Cell.Value is null))
        {
            var why = part.Sources.Count == 0 && part.Included.Count == 0 ? "none has been submitted for this window." : part.Explanation;
            var cell = ReportCell.Empty(window, $"No figure for {component.Id} ({component.Name}), so no rate: {why}".TrimEnd());
            return new CountyWindow(cell with { DistrictsIncluded = included, DistrictsMissing = missing }, districts);
        }

        var (top, bottom) = (parts[0].Cell, parts[1].Cell);
        if (bottom.Value == 0)
        {
            return new CountyWindow(ReportCell.Empty(window, $"{definition} {denominator.Measure.Id} is zero, so there is no rate.") with { DistrictsIncluded = included, DistrictsMissing = missing }, districts);
        }

        var notes = string.Join(" ", new[] { definition, top.Explanation, bottom.Explanation }.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal));
        return new CountyWindow(
            new ReportCell(
                window,
                top.Value / bottom.Value,
                top.Value,
                bottom.Value,
                (FigureMethod)Math.Max((int)top.Method, (int)bottom.Method),
                null,
                top.Provisional || bottom.Provisional,
                (Confidentiality)Math.Max((int)top.Confidentiality, (int)bottom.Confidentiality),
                FigureSource.Both(top.Sources, bottom.Sources),
                notes,
                top.Source == bottom.Source ? top.Source : CountySource.SubmittedCountyFigure,
                included,
                missing),
            districts);
    }

    /// <summary>
    /// A county rate per 1,000 population: the county figure of the count for this window (a sum of
    /// districts, with its completeness: a missing district makes it provisional and is named) over the
    /// force's own population for the window's year, times 1,000. A ratio of sums, never a mean of rates.
    /// </summary>
    private CountyWindow PerPopulationCounty(Period window, MeasureWindows count)
    {
        var expected = Expected(window);
        var districts = expected.Select(d => Resolve(d.Code, window)).Where(d => d.Figure is not null).ToList();
        var counted = count.County(window);
        var force = _force.Force;
        if (counted.Value is not { } total)
        {
            var why = counted.Sources.Count == 0 && counted.Included.Count == 0 ? "none has been submitted for this window." : counted.Explanation;
            var empty = ReportCell.Empty(window, $"No figure for {count.Measure.Id} ({count.Measure.Name}), so no rate: {why}".TrimEnd());
            return new CountyWindow(empty with { DistrictsIncluded = counted.Included, DistrictsMissing = counted.Missing }, districts);
        }

        var year = PopulationEstimates.YearOf(window);
        if (_force.Populations.Find(force.Code, year) is not { } population)
        {
            var empty = ReportCell.Empty(window, Capitalise(_force.Populations.WhyMissing(force.Code, force.Name, year)) + ", so no rate per 1,000.");
            return new CountyWindow(empty with { DistrictsIncluded = counted.Included, DistrictsMissing = counted.Missing }, districts);
        }

        var notes = new List<string> { Capitalise(PerPopulationDefinition(count.Measure, total, population)) + "." };
        if (counted.Missing.Count > 0)
        {
            notes.Add($"The count leaves out {string.Join(", ", counted.Missing.Select(_force.NameOf))}, so the rate over the whole force's population is provisional and low.");
        }

        notes.Add(counted.Explanation);
        return new CountyWindow(
            new ReportCell(window, total * 1000m / population.Population, total, population.Population, counted.Method, null, counted.Provisional,
                counted.Confidentiality, counted.Sources, string.Join(" ", notes.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)),
                counted.Source, counted.Included, counted.Missing)
            { Population = population },
            districts);
    }

    /// <summary>One area's rate per 1,000 for a window: its count over its population for the window's year, or why there is none.</summary>
    private ResolvedFigure PerPopulation(string area, Period window, ResolvedFigure counted)
    {
        if (counted.Figure?.Figure.Resolved is not { } count)
        {
            return NoFigure(area, window, _count!.Measure, counted);
        }

        var year = PopulationEstimates.YearOf(window);
        if (_force.Populations.Find(area, year) is not { } population)
        {
            return NoPopulation(area, window, year);
        }

        var figure = counted.Figure with { Figure = Figure.OfValue(count * 1000m / population.Population), Trend = Trend.None };
        return new ResolvedFigure(area, window, figure, counted.Method, null, counted.Sources)
        {
            Note = JoinNotes(PerPopulationDefinition(_count!.Measure, count, population), counted.Note),
            Population = population,
        };
    }

    private static string PerPopulationDefinition(MeasureDefinition count, decimal total, PopulationEstimate population) =>
        $"per 1,000 population: {count.Id} {FigureDisplay.Whole(total)} / {population.Describe()} x 1,000";

    /// <summary>One area's derived rate for a window: its numerator's figure over its denominator's, or why there is none.</summary>
    private ResolvedFigure Derive(string area, Period window, ResolvedFigure numerator, ResolvedFigure denominator)
    {
        var (top, bottom) = _components!.Value;
        if (numerator.Figure?.Figure.Resolved is not { } n)
        {
            return NoFigure(area, window, top.Measure, numerator);
        }

        if (denominator.Figure?.Figure.Resolved is not { } d)
        {
            return NoFigure(area, window, bottom.Measure, denominator);
        }

        if (d == 0)
        {
            return DenominatorZero(area, window, bottom.Measure);
        }

        var (a, b) = (numerator.Figure, denominator.Figure);
        var figure = new SourcedFigure(
            area,
            Figure.OfFraction(n, d),
            a.Status == ObservationStatus.Provisional ? a.Status : b.Status,
            (Confidentiality)Math.Max((int)a.Confidentiality, (int)b.Confidentiality),
            Math.Max(a.Revision, b.Revision),
            a.ReturnId == b.ReturnId ? a.ReturnId : $"{a.ReturnId},{b.ReturnId}");
        return new ResolvedFigure(area, window, figure, (FigureMethod)Math.Max((int)numerator.Method, (int)denominator.Method), null, FigureSource.Both(numerator.Sources, denominator.Sources))
        {
            Note = JoinNotes(numerator.Note, denominator.Note),
        };
    }

    // Why a rate has no figure, in methods of their own: a lambda captures on entry to the method that
    // holds it, and Derive and PerPopulation run for every area and window of a rate, most with a figure.
    private static ResolvedFigure NoFigure(string area, Period window, MeasureDefinition component, ResolvedFigure resolved) =>
        new(area, window, null, FigureMethod.None, null, [], () => $"no figure for {component.Id} ({component.Name}), so no rate: {resolved.Why}");

    private static ResolvedFigure DenominatorZero(string area, Period window, MeasureDefinition denominator) =>
        new(area, window, null, FigureMethod.None, null, [], () => $"{denominator.Id} is zero, so there is no rate");

    private ResolvedFigure NoPopulation(string area, Period window, int year) =>
        new(area, window, null, FigureMethod.None, null, [], () => _force.Populations.WhyMissing(area, _force.NameOf(area), year) + ", so no rate per 1,000");

    private static ReportCell DistrictCell(ResolvedFigure resolved)
    {
        var window = resolved.Window;
        if (resolved.Figure is not { } figure)
        {
            return ReportCell.Empty(window, Capitalise(resolved.Why) + ".");
        }

        var conflicts = FigureSource.Conflicts(resolved.Sources);
        var explanation = resolved.Note.Length == 0 ? string.Join(" ", conflicts) : string.Join(" ", [Capitalise(resolved.Note) + ".", .. conflicts]);
        return new ReportCell(window, figure.Figure.Resolved, figure.Figure.Numerator, figure.Figure.Denominator, resolved.Method, resolved.AsOf,
            figure.Status == ObservationStatus.Provisional, figure.Confidentiality, resolved.Sources, explanation);
    }

    /// <summary>Two notes as one text, leaving out an empty one.</summary>
    private static string JoinNotes(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first} {second}";

    /// <summary>Why areas have no figure, grouped so five districts with the same reason read as one sentence.</summary>
    private string Reasons(IEnumerable<ResolvedFigure> unresolved) =>
        string.Join("; ", unresolved.Where(u => u.Why.Length > 0).GroupBy(u => u.Why, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(u => _force.NameOf(u.AreaCode)))}: {g.Key}")) + ".";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record CountyWindow(ReportCell Cell, IReadOnlyList<ResolvedFigure> Districts);
}
