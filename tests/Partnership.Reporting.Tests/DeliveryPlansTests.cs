using System.Text;
using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

public class DeliveryPlansTests
{
    // The measure ids docs/domain.md makes the contract; a plan naming anything else has a typo.
    private static readonly string[] ContractIds =
    [
        "crime.total_recorded", "crime.neighbourhood", "crime.domestic_burglary", "crime.violence_with_injury", "crime.serious_violence",
        "crime.knife_enabled", "crime.homicide", "crime.personal_robbery", "crime.hate_crime", "crime.violence_with_injury_solved",
        "asb.incidents", "survey.feeling_safe", "survey.asb_perception", "survey.household_crime",
        "cjs.crown_outstanding", "cjs.magistrates_outstanding", "cjs.crown_outstanding_over_52w", "cjs.crown_receipts", "cjs.crown_disposals",
        "cjs.ineffective_trial_rate_magistrates", "cjs.ineffective_trial_rate_crown", "cjs.early_guilty_plea_rate_crown",
        "cjs.early_guilty_plea_rate_magistrates", "cjs.days_to_resolution", "cjs.reoffending_rate_adult", "cjs.reoffending_rate_youth",
        "cjs.first_time_entrants_adult", "cjs.first_time_entrants_youth",
        "victims.referrals", "victims.self_referrals", "victims.needs_assessed", "victims.satisfaction", "victims.wellbeing_improved",
        "victims.updated_within_28d", "victims.isva_caseload", "victims.idva_caseload",
        "safeguarding.missing_adults", "safeguarding.missing_adults_repeat", "safeguarding.missing_children", "safeguarding.missing_children_repeat",
        "safeguarding.da_incidents", "safeguarding.da_crimes", "safeguarding.da_positive_outcomes", "safeguarding.da_repeat_victim_rate",
        "safeguarding.rape_recorded", "safeguarding.rape_outcome_rate", "safeguarding.csea_offences", "safeguarding.cse_offences",
        "safeguarding.dvpn_issued", "safeguarding.dvpo_granted", "safeguarding.marac_referrals", "safeguarding.children_at_risk_of_exploitation",
    ];

    [Fact]
    public void Load_BuiltIn_HasWestYorkshiresPlanWithTheReferenceTargets()
    {
        var plans = DeliveryPlans.Load(ReportData.Geography);

        Assert.True(plans.TryGet(WestYorkshire, out var plan));
        Assert.Equal(4, plan.Themes.Count);
        var targets = plan.Rows().Where(r => r.Measure.Target is not null).ToDictionary(r => r.Measure.Measure, r => r.Measure.Target!);
        Assert.Equal(46_162m, targets["crime.neighbourhood"].Value);
        Assert.Equal(12, targets["crime.neighbourhood"].WindowMonths);
        Assert.Equal(0.05m, targets["crime.neighbourhood"].EffectiveThreshold);
        Assert.Equal(74.9m, targets["victims.satisfaction"].Value);
        Assert.Equal(Polarity.HigherIsBetter, targets["victims.satisfaction"].Polarity);
    }

    [Fact]
    public void Load_BuiltIn_NamesOnlyContractMeasuresInDisplayOrder()
    {
        var plan = DeliveryPlans.Load(ReportData.Geography).All.Single();

        Assert.All(plan.Rows(), r => Assert.Contains(r.Measure.Measure, ContractIds));
        Assert.Equal("victims.satisfaction", plan.Rows().First().Measure.Measure);
    }

    [Fact]
    public void Constructor_MeasureUnderTwoObjectives_IsRejected()
    {
        const string json = $$"""
            { "forceAreaCode": "{{Areas.WestYorkshire}}", "title": "Twice", "themes": [ { "id": "t", "name": "T", "order": 1, "objectives": [
              { "id": "a", "name": "A", "order": 1, "measures": [ { "measure": "crime.homicide", "label": "x", "order": 1 } ] },
              { "id": "b", "name": "B", "order": 2, "measures": [ { "measure": "crime.homicide", "label": "y", "order": 1 } ] } ] } ] }
            """;
        var plan = DeliveryPlans.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test");

        var error = Assert.Throws<InvalidDataException>(() => new DeliveryPlans([plan], ReportData.Geography));
        Assert.Contains("'a' and 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlanForADistrict_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => new DeliveryPlans([new DeliveryPlan(Leeds, "Leeds", "", [])], ReportData.Geography));
    }
}
