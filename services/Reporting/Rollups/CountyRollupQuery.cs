using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// Rolls a force's figures up for one window. The window is resolved by the same engine as the
/// Delivery Quarterly Report's (<see cref="ForceWindows"/>): exact, tiled from shorter windows, or the
/// latest snapshot, so the two agree on every window, and a derived rate is computed the same way.
/// </summary>
public sealed class CountyRollupQuery(ReportingDbContext db, ForceFiguresCache cache, MeasureCatalogue catalogue, Geography geography, PopulationEstimates populations)
{
    public async Task<CountyRollup> GetAsync(string forceCode, Period period, CancellationToken cancellationToken)
    {
        using var measurement = ReportMetrics.Start("county_rollup", forceCode, period.Label);
        if (!geography.TryGet(forceCode, out var force) || force.Type != AreaType.Force)
        {
            throw new KeyNotFoundException($"'{forceCode}' is not a force area.");
        }

        var areas = geography.DistrictsEverOf(forceCode).Select(a => a.Code).Append(forceCode).ToList();
        var figures = await cache.GetAsync(db, forceCode, areas, cancellationToken);
        return Build(catalogue, geography, force, period, figures, populations);
    }

    /// <summary>The rollup of one window from a force's figures, in memory: every measure with a figure for the window, by id.</summary>
    public static CountyRollup Build(MeasureCatalogue catalogue, Geography geography, AreaDefinition force, Period period, ForceFigures figures, PopulationEstimates? populations = null)
    {
        var windows = new ForceWindows(catalogue, geography, force, figures, populations);
        var measures = catalogue.All.Where(m => Shown(catalogue, windows, m, period)).Select(m => ToRollup(windows.For(m), period)).ToList();
        measures.AddRange(LatestForceFigures.CarryForward(catalogue, figures, force.Code, period, measures.Select(m => m.Measure.Id).ToHashSet(StringComparer.Ordinal)));
        return new CountyRollup(force, period, [.. measures.OrderBy(m => m.Measure.Id, StringComparer.Ordinal)]);
    }

    /// <summary>A measure is in the rollup when any figure went into its cell; a derived rate when either component is, so its empty cell says which one is missing.</summary>
    private static bool Shown(MeasureCatalogue catalogue, ForceWindows windows, MeasureDefinition measure, Period period) =>
        measure.DerivedFrom is { } derived
            ? derived.Components.Any(id => catalogue.TryGet(id, out var component) && Shown(catalogue, windows, component, period))
            : windows.For(measure).County(period).Sources.Count > 0;

    private static MeasureRollup ToRollup(MeasureWindows cells, Period period)
    {
        var cell = cells.County(period);
        var asOf = cell.AsOf is { } date ? Period.Snapshot(date) : (Period?)null;
        var explanation = asOf is { } snapshot ? $"{LatestForceFigures.AsOf(snapshot, period)} {cell.Explanation}".TrimEnd() : cell.Explanation;
        return new MeasureRollup(cells.Measure, cell.Value, cell.Numerator, cell.Denominator, cell.Source, cell.Included, cell.Missing, cell.Provisional,
            [.. cells.CountyDistricts(period).Select(d => d.Figure!)], cell.DistrictSum, cell.SubmittedCountyValue, explanation, asOf);
    }

    /// <summary>
    /// Combines one area's figures for one window from the returns that claim it (docs/reporting.md,
    /// "One figure, counted once"): partners of a measure that combines returns add up (numerators and
    /// denominators separately for ratios); any other claims conflict, and one stands, never a sum.
    /// </summary>
    public static CombinedFigure Combine(MeasureDefinition measure, Period window, IReadOnlyList<SourcedFigure> figures)
    {
        var resolution = FigurePrecedence.Resolve(measure, window, figures, f => f.Claim);
        var used = resolution.Used;
        var conflict = CombinedFigure.Describe(window, used, resolution.NotUsed);
        if (used.Count == 1)
        {
            return new CombinedFigure(used[0], resolution.NotUsed, conflict);
        }

        var figure = measure.Kind is FigureKind.Ratio or FigureKind.Quotient
            ? Figure.OfFraction(used.Sum(f => f.Figure.Numerator ?? 0m), used.Sum(f => f.Figure.Denominator ?? 0m))
            : Figure.OfValue(used.Sum(f => f.Figure.Value ?? 0m));
        var status = used.Any(f => f.Status == ObservationStatus.Provisional) ? ObservationStatus.Provisional : used[0].Status;
        var combined = new SourcedFigure(used[0].AreaCode, figure, status, used.Max(f => f.Confidentiality), used.Max(f => f.Revision),
            string.Join(",", used.Select(f => f.ReturnId)));
        return new CombinedFigure(combined, resolution.NotUsed, conflict);
    }
}
