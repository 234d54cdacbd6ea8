using Partnership.Domain;

namespace Partnership.Benchmarks;

/// <summary>
/// A synthetic national deployment generated from a seed: force areas with their districts, a
/// catalogue of measures across the four services, and a figure for every measure, area and period.
/// The same seed and scale always give the same data, so two runs measure the same work.
/// </summary>
public sealed class NationalDataset
{
    public const int NationalForces = 43;
    public const int DistrictsPerForce = 7;
    public const int MeasureCount = 200;
    public const int FirstFinancialYear = 2016;

    /// <summary>The four domain services; the generated measures are spread across them.</summary>
    public static readonly string[] Services = ["crime", "victims", "justice", "health"];

    private NationalDataset(int forces, int quarters, int seed)
    {
        Forces = forces;
        Seed = seed;
        var areas = new List<AreaDefinition>();
        var memberships = new List<AreaMembership>();
        for (var f = 1; f <= forces; f++)
        {
            var force = ForceCode(f);
            areas.Add(new AreaDefinition(force, $"Force {f:D2}", AreaType.Force));
            for (var d = 1; d <= DistrictsPerForce; d++)
            {
                var district = DistrictCode(f, d);
                areas.Add(new AreaDefinition(district, $"Force {f:D2} district {d}", AreaType.District));
                memberships.Add(new AreaMembership(district, force));
            }
        }

        Geography = new Geography(areas, memberships);
        Catalogue = new MeasureCatalogue(Enumerable.Range(0, MeasureCount).Select(Measure));
        Quarters = [.. Enumerable.Range(0, quarters).Select(q => Period.FinancialQuarter(FirstFinancialYear + (q / 4), (q % 4) + 1))];
        HalfYears = [.. Quarters.Where((_, q) => q % 2 == 1).Select((quarter, h) => Period.Months(Quarters[2 * h].Start, quarter.End))];
    }

    /// <summary>How many force areas (counties) the data covers: 1, 4, 16 or 43 (national).</summary>
    public int Forces { get; }

    public int Seed { get; }

    public Geography Geography { get; }

    public MeasureCatalogue Catalogue { get; }

    public IReadOnlyList<Period> Quarters { get; }

    /// <summary>Force-level measures arrive six-monthly, so a quarter's report carries them forward.</summary>
    public IReadOnlyList<Period> HalfYears { get; }

    public IEnumerable<string> ForceCodes => Enumerable.Range(1, Forces).Select(ForceCode);

    public static NationalDataset Create(int forces, int quarters = 40, int seed = 11) => new(forces, quarters, seed);

    public static string ForceCode(int force) => $"E23{force:D6}";

    public static string DistrictCode(int force, int district) => $"E07{force:D4}{district:D2}";

    public IEnumerable<string> DistrictsOf(int force) => Enumerable.Range(1, DistrictsPerForce).Select(d => DistrictCode(force, d));

    public IEnumerable<MeasureDefinition> DistrictMeasures(string service) =>
        Catalogue.ForService(service).Where(m => m.Level == SubmissionLevel.District).OrderBy(m => m.Id, StringComparer.Ordinal);

    /// <summary>Every figure of the dataset: districts by quarter, and the force-level measures by half year.</summary>
    public IEnumerable<GeneratedFigure> Figures()
    {
        var random = new Random(Seed);
        var districtMeasures = Catalogue.All.Where(m => m.Level == SubmissionLevel.District).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        var forceMeasures = Catalogue.All.Where(m => m.Level == SubmissionLevel.Force).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        for (var f = 1; f <= Forces; f++)
        {
            foreach (var district in DistrictsOf(f))
            {
                foreach (var quarter in Quarters)
                {
                    foreach (var measure in districtMeasures)
                    {
                        yield return new GeneratedFigure(measure, district, quarter, FigureFor(measure, random));
                    }
                }
            }

            foreach (var half in HalfYears)
            {
                foreach (var measure in forceMeasures)
                {
                    yield return new GeneratedFigure(measure, ForceCode(f), half, FigureFor(measure, random));
                }
            }
        }
    }

    /// <summary>One district's return to one service holding every quarter: the large returns of bulk ingest.</summary>
    public IReadOnlyList<ObservationInputRow> HistoryReturn(string service, int seedOffset)
    {
        var random = new Random(Seed + seedOffset);
        return [.. Quarters.SelectMany(q => DistrictMeasures(service).Select(m => new ObservationInputRow(m, q, FigureFor(m, random))))];
    }

    public static Figure FigureFor(MeasureDefinition measure, Random random)
    {
        if (measure.Kind == FigureKind.Ratio)
        {
            var denominator = random.Next(50, 5000);
            return Figure.OfFraction(random.Next(0, denominator), denominator);
        }

        return Figure.OfValue(random.Next(0, 20000));
    }

    private static MeasureDefinition Measure(int i)
    {
        var service = Services[i % Services.Length];
        // Every tenth measure is a force-level figure, reported six-monthly (like the justice board's).
        if (i % 10 == 9)
        {
            return new MeasureDefinition($"{service}.bench_{i:D3}", $"Force measure {i}", "count", Polarity.Monitor, AggregationRule.Sum, [PeriodKind.HalfYear], service, Level: SubmissionLevel.Force);
        }

        return i % 3 == 1
            ? new MeasureDefinition($"{service}.bench_{i:D3}", $"Rate {i}", "ratio", Polarity.Monitor, AggregationRule.Ratio, [PeriodKind.Quarter], service)
            : new MeasureDefinition($"{service}.bench_{i:D3}", $"Count {i}", "count", Polarity.Monitor, AggregationRule.Sum, [PeriodKind.Quarter], service);
    }
}

public sealed record GeneratedFigure(MeasureDefinition Measure, string AreaCode, Period Period, Figure Figure);

public sealed record ObservationInputRow(MeasureDefinition Measure, Period Period, Figure Figure);
