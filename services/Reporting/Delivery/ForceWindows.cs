using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// The one window engine of a force's figures: every report (the county rollup of one window and the
/// Delivery Quarterly Report of many) asks it for a measure's cells, so both resolve a window the same
/// way and agree on every figure. Holds each measure's cells once, so a derived rate shares the cells
/// of its components with the rows that show them.
/// </summary>
/// <param name="populations">The denominators of rates per 1,000 population; the built-in estimates when not given.</param>
public sealed class ForceWindows(MeasureCatalogue catalogue, Geography geography, AreaDefinition force, ForceFigures figures, PopulationEstimates? populations = null)
{
    private readonly Dictionary<string, MeasureWindows> _measures = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, IReadOnlyList<AreaDefinition>> _districtsOn = [];

    public AreaDefinition Force => force;

    public Geography Geography => geography;

    public PopulationEstimates Populations { get; } = populations ?? PopulationEstimates.BuiltIn;

    /// <summary>
    /// How many areas (districts and the force) and windows a report asks each measure's cells for, when
    /// known: each measure's caches are made that size at once rather than grown through a report's
    /// thousands of cells. Zero when unknown.
    /// </summary>
    public (int Areas, int Windows) Expected { get; init; }

    public MeasureWindows For(MeasureDefinition measure)
    {
        if (!_measures.TryGetValue(measure.Id, out var windows))
        {
            var derived = measure.DerivedFrom;
            var components = derived is { Denominator: { } denominatorId }
                && catalogue.TryGet(derived.Numerator, out var numerator) && catalogue.TryGet(denominatorId, out var denominator)
                ? (For(numerator), For(denominator))
                : ((MeasureWindows, MeasureWindows)?)null;
            var count = derived is { IsPerPopulation: true } && catalogue.TryGet(derived.Numerator, out var counted) ? For(counted) : null;
            windows = new MeasureWindows(this, measure, figures.For(measure.Id), components, count);
            _measures.Add(measure.Id, windows);
        }

        return windows;
    }

    /// <summary>The force's districts on a date: every window of every measure asks, and boundaries change rarely.</summary>
    public IReadOnlyList<AreaDefinition> DistrictsOn(DateOnly date)
    {
        if (!_districtsOn.TryGetValue(date, out var districts))
        {
            districts = geography.DistrictsOf(force.Code, date);
            _districtsOn.Add(date, districts);
        }

        return districts;
    }

    public string NameOf(string areaCode) => geography.TryGet(areaCode, out var area) ? area.Name : areaCode;
}
