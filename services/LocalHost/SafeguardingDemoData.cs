using Partnership.Domain;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>
/// Deterministic demo safeguarding returns for West Yorkshire: each district's quarterly figures,
/// then the force's unique-person counts (fewer than the district sum, since some people go missing
/// in two districts, but never fewer than the largest district). The smaller districts and rarer
/// measures (stalking protection orders, rape outcomes) give counts from 1 to 4, which the public
/// report shows: they count orders and offences, not people (docs/domain.md, disclosive measures).
/// </summary>
public static class SafeguardingDemoData
{
    private const string Service = "safeguarding";

    // Quarterly count per 1,000 residents.
    private static readonly (string Measure, double PerThousand)[] Counts =
    [
        ("safeguarding.missing_adults", 0.25),
        ("safeguarding.missing_children", 0.30),
        ("safeguarding.da_incidents", 4.5),
        ("safeguarding.dvpn_issued", 0.03),
        ("safeguarding.stalking_protection_orders", 0.004),
        ("safeguarding.marac_referrals", 0.5),
        ("safeguarding.rape_recorded", 0.25),
        ("safeguarding.csea_offences", 0.2),
        ("safeguarding.children_at_risk_of_exploitation", 0.08),
    ];

    // A part and the share of its whole it usually is.
    private static readonly (string Part, string Whole, double Share)[] Parts =
    [
        ("safeguarding.missing_adults_repeat", "safeguarding.missing_adults", 0.22),
        ("safeguarding.missing_children_repeat", "safeguarding.missing_children", 0.30),
        ("safeguarding.da_crimes", "safeguarding.da_incidents", 0.68),
        ("safeguarding.dvpo_granted", "safeguarding.dvpn_issued", 0.8),
        ("safeguarding.marac_repeat_referrals", "safeguarding.marac_referrals", 0.3),
        ("safeguarding.cse_offences", "safeguarding.csea_offences", 0.08),
    ];

    public static IEnumerable<ReturnSubmission> Returns(Geography geography)
    {
        var districts = geography.DistrictsOf(DemoData.WestYorkshire, new DateOnly(DemoData.FirstFinancialYear, 4, 1));
        for (var year = DemoData.FirstFinancialYear; year < DemoData.FirstFinancialYear + DemoData.Years; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var period = Period.FinancialQuarter(year, quarter);
                var districtReturns = districts.Select(d => DistrictReturn(d, period)).ToList();
                foreach (var submission in districtReturns)
                {
                    yield return submission;
                }

                // The force return follows its districts: its unique-person counts are checked against theirs.
                yield return ForceReturn(period, districtReturns);
            }
        }
    }

    private static ReturnSubmission DistrictReturn(AreaDefinition district, Period period)
    {
        var random = new Random(DemoData.StableSeed(Service + district.Code) ^ period.Start.DayNumber);
        var thousands = (district.Population ?? 300_000) / 1000.0;
        decimal Noisy(double expected) => (decimal)Math.Max(0, Math.Round(expected * (0.85 + (random.NextDouble() * 0.3))));

        var values = Counts.ToDictionary(c => c.Measure, c => Noisy(c.PerThousand * thousands));
        foreach (var (part, whole, share) in Parts)
        {
            values[part] = Math.Min(values[whole], Noisy((double)values[whole] * share));
        }

        var observations = values.Select(v => new ObservationInput(v.Key, null, Figure.OfValue(v.Value))).ToList();
        var crimes = values["safeguarding.da_crimes"];
        observations.Add(new ObservationInput("safeguarding.da_positive_outcomes", null, Figure.OfValue(Math.Min(crimes, Noisy((double)crimes * 0.1)))));
        var victims = Noisy((double)values["safeguarding.da_incidents"] * 0.8);
        observations.Add(new ObservationInput("safeguarding.da_repeat_victim_rate", null, Figure.OfFraction(Math.Min(victims, Noisy((double)victims * 0.3)), victims)));
        var rapes = values["safeguarding.rape_recorded"];
        observations.Add(new ObservationInput("safeguarding.rape_outcome_rate", null, Figure.OfFraction(Math.Min(rapes, Noisy((double)rapes * 0.04)), rapes)));
        return new ReturnSubmission(Service, district.Code, period, $"{district.Name} safeguarding partnership", observations);
    }

    private static ReturnSubmission ForceReturn(Period period, IReadOnlyList<ReturnSubmission> districtReturns)
    {
        decimal ValueOf(ReturnSubmission submission, string measure) => submission.Observations.Single(o => o.MeasureId == measure).Figure.Value!.Value;

        // About 4% of people are counted by more than one district; the force counts them once.
        decimal Unique(string measure) => Math.Max(
            districtReturns.Max(r => ValueOf(r, measure)),
            Math.Round(districtReturns.Sum(r => ValueOf(r, measure)) * 0.96m));

        var values = new Dictionary<string, decimal>
        {
            ["safeguarding.missing_adults"] = Unique("safeguarding.missing_adults"),
            ["safeguarding.missing_children"] = Unique("safeguarding.missing_children"),
            ["safeguarding.children_at_risk_of_exploitation"] = Unique("safeguarding.children_at_risk_of_exploitation"),
        };
        values["safeguarding.missing_adults_repeat"] = Math.Min(values["safeguarding.missing_adults"], Unique("safeguarding.missing_adults_repeat"));
        values["safeguarding.missing_children_repeat"] = Math.Min(values["safeguarding.missing_children"], Unique("safeguarding.missing_children_repeat"));
        return new ReturnSubmission(Service, DemoData.WestYorkshire, period, "West Yorkshire Police",
            [.. values.Select(v => new ObservationInput(v.Key, null, Figure.OfValue(v.Value)))]);
    }
}
