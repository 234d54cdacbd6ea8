using Partnership.Domain;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>
/// Realistic, deterministic demo figures: rates per 1,000 residents per quarter in the range West
/// Yorkshire publishes, a gentle trend and seasonality, and a little noise from a fixed seed.
/// </summary>
public static class DemoData
{
    public const string WestYorkshire = "E23000010";
    public const int FirstFinancialYear = 2021;
    public const int Years = 4;

    // Quarterly rate per 1,000 residents, and the yearly drift.
    private static readonly (string Measure, double PerThousand, double Drift)[] Counts =
    [
        ("crime.total_recorded", 34.0, -0.03),
        ("crime.neighbourhood", 6.2, -0.05),
        ("crime.domestic_burglary", 1.3, -0.06),
        ("crime.violence_with_injury", 6.4, 0.01),
        ("crime.serious_violence", 0.32, -0.02),
        ("crime.knife_enabled", 0.42, -0.04),
        ("crime.homicide", 0.006, 0.0),
        ("crime.personal_robbery", 0.45, -0.03),
        ("crime.hate_crime", 1.1, 0.04),
        ("asb.incidents", 9.5, -0.07),
    ];

    public static IEnumerable<ReturnSubmission> CrimeReturns(Geography geography, DemoScope scope = DemoScope.WestYorkshire)
    {
        IReadOnlyList<string> forces = scope == DemoScope.National
            ? [.. geography.Areas.Where(a => a.Type == AreaType.Force).Select(a => a.Code).Order(StringComparer.Ordinal)]
            : [WestYorkshire];
        for (var year = FirstFinancialYear; year < FirstFinancialYear + Years; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var period = Period.FinancialQuarter(year, quarter);
                // Each quarter on its own boundaries: a force whose geography starts later has returns from then on.
                foreach (var district in forces.SelectMany(force => geography.DistrictsOf(force, period.Start)))
                {
                    yield return DistrictReturn(district, period, year - FirstFinancialYear, quarter);
                }

                yield return SurveyReturn(period, year - FirstFinancialYear, quarter);
            }
        }
    }

    private static ReturnSubmission DistrictReturn(AreaDefinition district, Period period, int yearIndex, int quarter)
    {
        var random = new Random(StableSeed(district.Code) ^ period.Start.DayNumber);
        var thousands = (district.Population ?? 300_000) / 1000.0;
        var seasonal = quarter switch { 1 => 1.04, 2 => 1.06, 3 => 0.98, _ => 0.92 };
        var observations = new List<ObservationInput>();
        foreach (var (measure, perThousand, drift) in Counts)
        {
            var expected = perThousand * thousands * seasonal * Math.Pow(1 + drift, yearIndex + (quarter / 4.0));
            var value = Math.Max(0, Math.Round(expected * (0.95 + (random.NextDouble() * 0.1))));
            observations.Add(new ObservationInput(measure, null, Figure.OfValue((decimal)value)));
        }

        var violence = observations.Single(o => o.MeasureId == "crime.violence_with_injury").Figure.Value!.Value;
        var solved = Math.Round(violence * (decimal)(0.08 + (random.NextDouble() * 0.04)));
        observations.Add(new ObservationInput("crime.violence_with_injury_solved", null, Figure.OfFraction(solved, violence)));
        return new ReturnSubmission("crime-measures", district.Code, period, $"{district.Name} CSP", observations);
    }

    private static ReturnSubmission SurveyReturn(Period period, int yearIndex, int quarter)
    {
        var random = new Random(period.Start.DayNumber);
        decimal Percent(double baseline, double drift) =>
            Math.Round((decimal)(baseline + (drift * (yearIndex + (quarter / 4.0))) + (random.NextDouble() - 0.5)), 1);
        return new ReturnSubmission("crime-measures", WestYorkshire, period, "West Yorkshire Police", [
            new ObservationInput("survey.feeling_safe", null, Figure.OfValue(Percent(82.0, 0.6))),
            new ObservationInput("survey.asb_perception", null, Figure.OfValue(Percent(9.5, -0.3))),
            new ObservationInput("survey.household_crime", null, Figure.OfValue(Percent(13.0, -0.4))),
        ]);
    }

    // string.GetHashCode is randomised per process; the demo must be the same on every run.
    internal static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x7fffffff;
    }
}
