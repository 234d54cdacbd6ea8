using Partnership.Domain;
using Partnership.Submissions;
using Partnership.VictimServices.Commissioning;
using static Partnership.VictimServices.Returns.VictimMeasures;

namespace Partnership.LocalHost;

/// <summary>
/// Deterministic demo figures for West Yorkshire's victim services: five commissioned services from
/// three funding streams (commissioned through the year after the demo's returns), their quarterly
/// returns, and the force's satisfaction survey (force and districts; the force figure includes the
/// central units) and victim care figures.
/// </summary>
public static class VictimServicesDemoData
{
    private const string ForceName = "West Yorkshire Police";

    // Id, provider, service, funding stream, awarded in the first year, allocated in the first year, quarterly referrals.
    private static readonly (string Id, string Provider, string Service, string Stream, decimal Awarded, decimal Allocated, int Referrals)[] Services =
    [
        ("wy-general", "West Yorkshire Victim Support Hub", "General victim support service", "MoJ Victims Grant", 1_650_000m, 1_600_000m, 5_200),
        ("wy-isva", "Yorkshire ISVA Partnership", "Independent sexual violence advisers (ISVA)", "MoJ Victims Grant", 620_000m, 620_000m, 420),
        ("wy-idva", "West Yorkshire IDVA Service", "Independent domestic violence advisers (IDVA)", "MoJ Domestic Abuse and Sexual Violence Fund", 540_000m, 525_000m, 900),
        ("wy-rj", "Restorative Justice West Yorkshire", "Restorative justice", "PCC core budget", 180_000m, 165_000m, 140),
        ("wy-witness", "West Yorkshire Witness Care", "Witness care", "PCC core budget", 240_000m, 240_000m, 1_100),
    ];

    /// <summary>
    /// A statement for every demo year and for the year after them: a PCC commissions a year before
    /// its providers report on it, so the first quarter after the demo's returns (the one the
    /// README's examples submit) already has its services.
    /// </summary>
    public static IEnumerable<CommissioningStatement> Commissioning()
    {
        for (var year = DemoData.FirstFinancialYear; year <= DemoData.FirstFinancialYear + DemoData.Years; year++)
        {
            var uplift = (decimal)Math.Pow(1.03, year - DemoData.FirstFinancialYear);
            List<CommissionedService> services =
            [
                .. Services.Select(s => new CommissionedService(
                    s.Id,
                    s.Provider,
                    s.Service,
                    s.Stream,
                    decimal.Round(s.Awarded * uplift),
                    decimal.Round(s.Allocated * uplift),
                    new DateOnly(DemoData.FirstFinancialYear, 4, 1),
                    new DateOnly(DemoData.FirstFinancialYear + DemoData.Years + 1, 3, 31))),
            ];
            // The statement states its totals, as a real one does; the register checks them against the services.
            var totals = services.GroupBy(s => s.FundingStream)
                .Select(g => new StatedTotal(g.Key, g.Sum(s => s.AmountAwarded), g.Sum(s => s.AmountAllocated)))
                .ToList();
            yield return new CommissioningStatement(DemoData.WestYorkshire, year, services, totals, "Office of the Mayor of West Yorkshire");
        }
    }

    public static IEnumerable<ReturnSubmission> Returns(Geography geography)
    {
        var districts = geography.DistrictsOf(DemoData.WestYorkshire, new DateOnly(DemoData.FirstFinancialYear, 4, 1));
        for (var year = DemoData.FirstFinancialYear; year < DemoData.FirstFinancialYear + DemoData.Years; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var period = Period.FinancialQuarter(year, quarter);
                var growth = Math.Pow(1.04, year - DemoData.FirstFinancialYear + (quarter / 4.0));
                foreach (var service in Services)
                {
                    yield return ProviderReturn(service.Id, service.Provider, service.Referrals * growth, period);
                }

                foreach (var submission in PoliceReturns(districts, period, year - DemoData.FirstFinancialYear))
                {
                    yield return submission;
                }
            }
        }
    }

    private static ReturnSubmission ProviderReturn(string id, string provider, double expectedReferrals, Period period)
    {
        var random = new Random(id.Length * 7919 ^ period.Start.DayNumber);
        decimal Around(double expected) => (decimal)Math.Max(0, Math.Round(expected * (0.9 + (random.NextDouble() * 0.2))));

        var police = Around(expectedReferrals * 0.62);
        var self = Around(expectedReferrals * 0.14);
        var agencies = Around(expectedReferrals * 0.18);
        var fraud = id == "wy-general" ? Around(expectedReferrals * 0.06) : 0m;
        var closed = Around(expectedReferrals * 0.85);
        var measured = decimal.Round(closed * 0.6m);
        var respondents = decimal.Round(closed * 0.25m);
        List<ObservationInput> observations =
        [
            new(Referrals, null, Figure.OfValue(police + self + agencies + fraud)),
            new(ReferralsPolice, null, Figure.OfValue(police)),
            new(SelfReferrals, null, Figure.OfValue(self)),
            new(ReferralsOtherAgencies, null, Figure.OfValue(agencies)),
            new(ReferralsNationalFraud, null, Figure.OfValue(fraud)),
            new(NeedsAssessmentsCompleted, null, Figure.OfValue(Around(expectedReferrals * 0.8))),
            new(CasesOpened, null, Figure.OfValue(Around(expectedReferrals * 0.88))),
            new(CasesClosed, null, Figure.OfValue(closed)),
            new(WellbeingImproved, null, Figure.OfFraction(decimal.Round(measured * (0.72m + ((decimal)random.NextDouble() * 0.1m))), measured)),
            new(ServiceSatisfaction, null, Figure.OfFraction(decimal.Round(respondents * (0.85m + ((decimal)random.NextDouble() * 0.1m))), respondents)),
        ];
        var quarterEnd = Period.Snapshot(period.End);
        if (id == "wy-isva")
        {
            observations.Add(new ObservationInput(IsvaCaseload, quarterEnd, Figure.OfValue(Around(expectedReferrals * 0.9))));
        }
        else if (id == "wy-idva")
        {
            observations.Add(new ObservationInput(IdvaCaseload, quarterEnd, Figure.OfValue(Around(expectedReferrals * 0.35))));
        }

        return new ReturnSubmission("victim-services", DemoData.WestYorkshire, period, provider, observations, id);
    }

    private static IEnumerable<ReturnSubmission> PoliceReturns(IReadOnlyList<AreaDefinition> districts, Period period, int yearIndex)
    {
        var random = new Random(period.Start.DayNumber * 31);
        var satisfaction = 0.76 + (0.01 * yearIndex);
        decimal Satisfied(decimal respondents) => decimal.Round(respondents * (decimal)(satisfaction + ((random.NextDouble() - 0.5) * 0.06)));

        var districtRespondents = districts.ToDictionary(d => d.Code, d => decimal.Round((d.Population ?? 300_000) / 2_200m));
        var districtSatisfied = districtRespondents.ToDictionary(p => p.Key, p => Satisfied(p.Value));
        // The force survey also covers victims handled by central units (e.g. the contact centre), so it is more than the districts' sum.
        var centralRespondents = 140m;
        var forceRespondents = districtRespondents.Values.Sum() + centralRespondents;
        var forceSatisfied = districtSatisfied.Values.Sum() + Satisfied(centralRespondents);
        var crimes = decimal.Round(70_000m * (decimal)(0.95 + (random.NextDouble() * 0.1)));
        var victims = decimal.Round(crimes * 0.42m);

        yield return new ReturnSubmission("victim-services", DemoData.WestYorkshire, period, ForceName,
        [
            new(Satisfaction, null, Figure.OfFraction(forceSatisfied, forceRespondents)),
            new(NeedsAssessed, null, Figure.OfFraction(decimal.Round(crimes * (0.83m + (0.02m * yearIndex))), crimes)),
            new(UpdatedWithin28Days, null, Figure.OfFraction(decimal.Round(victims * (0.68m + (0.03m * yearIndex))), victims)),
        ]);
        foreach (var district in districts)
        {
            yield return new ReturnSubmission("victim-services", district.Code, period, ForceName,
            [
                new(Satisfaction, null, Figure.OfFraction(districtSatisfied[district.Code], districtRespondents[district.Code])),
            ]);
        }
    }
}
