using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Partnership.Domain;

/// <summary>
/// Mid-year population estimates by area and year, each with its vintage: the denominators of rates
/// per 1,000 population. Built-in figures (Data/populations.json) cover the demo's areas and years;
/// an operator adds or replaces figures with ONS files by configuration (<see cref="PopulationFileOptions"/>):
/// a later file's figure for an area and year replaces an earlier one's. An estimate is never taken
/// from another year than the one asked for.
/// </summary>
public sealed class PopulationEstimates
{
    private readonly Dictionary<(string Area, int Year), PopulationEstimate> _estimates = [];

    public PopulationEstimates(IEnumerable<PopulationEstimate> estimates)
    {
        foreach (var estimate in estimates)
        {
            _estimates[(estimate.AreaCode, estimate.Year)] = estimate;
        }
    }

    private static readonly Lazy<PopulationEstimates> Shipped = new(() => Load());

    /// <summary>The estimates shipped with the build, for code that runs without configuration (tests, the CLI).</summary>
    public static PopulationEstimates BuiltIn => Shipped.Value;

    /// <summary>
    /// The mid-year whose estimate a rate for the window uses: the latest 30 June on or before the
    /// window's end. A financial year (April to March) and each of its quarters take the 30 June inside
    /// the financial year, near its middle, so the four quarters of a year share one population; the
    /// 12 months to December take that year's 30 June, their middle; a snapshot the 30 June before it.
    /// </summary>
    public static int YearOf(Period window) => window.End >= new DateOnly(window.End.Year, 6, 30) ? window.End.Year : window.End.Year - 1;

    public PopulationEstimate? Find(string areaCode, int year) => _estimates.GetValueOrDefault((areaCode, year));

    /// <summary>Why an area has no estimate for a year, naming the years it has, so a reader sees none was borrowed.</summary>
    public string WhyMissing(string areaCode, string areaName, int year)
    {
        var held = _estimates.Keys.Where(k => k.Area == areaCode).Select(k => k.Year).Order().ToList();
        return $"no mid-{year} population estimate for {areaName} ({areaCode})" + (held.Count == 0
            ? ", nor for any other year"
            : $" (held: {string.Join(", ", held.Select(y => $"mid-{y}"))}; a rate uses its own year's estimate only)");
    }

    /// <summary>The built-in estimates, then the files configured under <c>Populations:Files</c>.</summary>
    public static PopulationEstimates Load(IConfiguration configuration) =>
        Load(configuration.GetSection("Populations:Files").Get<PopulationFileOptions[]>());

    /// <summary>The built-in estimates, then each configured file in order.</summary>
    public static PopulationEstimates Load(IEnumerable<PopulationFileOptions>? files = null)
    {
        var estimates = new List<PopulationEstimate>();
        foreach (var stream in EmbeddedData.Open("populations."))
        {
            using (stream)
            {
                estimates.AddRange(ReadBuiltIn(stream));
            }
        }

        foreach (var file in files ?? [])
        {
            estimates.AddRange(OnsPopulationReader.ReadFile(file));
        }

        return new PopulationEstimates(estimates);
    }

    private static IEnumerable<PopulationEstimate> ReadBuiltIn(Stream stream)
    {
        var data = JsonSerializer.Deserialize<BuiltInData>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The built-in population estimates are empty.");
        return data.Estimates.SelectMany(year => year.Areas.Select(area => new PopulationEstimate(area.Code, year.Year, area.Population, year.Vintage)));
    }

    private sealed record BuiltInData(IReadOnlyList<BuiltInYear> Estimates);

    private sealed record BuiltInYear(int Year, string Vintage, IReadOnlyList<BuiltInArea> Areas);

    private sealed record BuiltInArea(string Code, string Name, long Population);
}
