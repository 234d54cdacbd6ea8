using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

public class DeliveryPlansTests
{
    // The built-in catalogue, as the aggregator loads it: ReportData's adds measures the plans must not lean on.
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();

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
        // docs/domain.md's <measure>.per_1000: a count per 1,000 population.
        "crime.total_recorded.per_1000", "asb.incidents.per_1000",
    ];

    [Fact]
    public void Load_BuiltIn_HasWestYorkshiresPlanWithTheReferenceTargets()
    {
        var plans = DeliveryPlans.Load(ReportData.Geography, Catalogue);

        Assert.True(plans.TryGet(WestYorkshire, out var plan));
        Assert.Equal(4, plan.Themes.Count);
        var targets = plan.Rows().Where(r => r.Measure.Target is not null).ToDictionary(r => r.Measure.Measure, r => r.Measure.Target!);
        // "Keep neighbourhood crime below baseline": no more than the national baseline the plan states.
        Assert.Equal(TargetKind.Reduction, targets["crime.neighbourhood"].Kind);
        Assert.Equal(0m, targets["crime.neighbourhood"].ReductionPercent);
        Assert.Equal(46_162m, targets["crime.neighbourhood"].BaselineValue);
        Assert.Equal(12, targets["crime.neighbourhood"].WindowMonths);
        Assert.Equal(0.05m, targets["crime.neighbourhood"].EffectiveThreshold);
        Assert.Equal(TargetKind.Absolute, targets["victims.satisfaction"].Kind);
        Assert.Equal(74.9m, targets["victims.satisfaction"].Value);
        Assert.Equal(Polarity.HigherIsBetter, targets["victims.satisfaction"].Polarity);
    }

    [Fact]
    public void Load_BuiltIn_NamesOnlyContractMeasuresInDisplayOrder()
    {
        Assert.True(DeliveryPlans.Load(ReportData.Geography, Catalogue).TryGet(WestYorkshire, out var plan));

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

        var error = Assert.Throws<InvalidDataException>(() => new DeliveryPlans([plan], ReportData.Geography, Catalogue));
        Assert.Contains("'a' and 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlanForADistrict_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => new DeliveryPlans([new DeliveryPlan(Leeds, "Leeds", "", [])], ReportData.Geography, Catalogue));
    }

    // Unique people counted by quarter only, whatever windows the built-in catalogue comes to take.
    private static readonly MeasureCatalogue QuarterlyUniquePeople = new(Catalogue.All.Select(m =>
        m.Id == "safeguarding.missing_adults" ? m with { Cadences = [PeriodKind.Quarter] } : m));

    private static string PlanWith(string measure, string target) => $$"""
        { "forceAreaCode": "{{WestYorkshire}}", "title": "Bad", "themes": [ { "id": "safer", "name": "Safer", "order": 1, "objectives": [
          { "id": "violence", "name": "Violence", "order": 1, "measures": [ { "measure": "{{measure}}", "label": "x", "order": 1{{(target.Length > 0 ? ", \"target\": " + target : "")}} } ] } ] } ] }
        """;

    private static DeliveryPlans LoadWith(string file, string measure, string target)
    {
        File.WriteAllText(file, PlanWith(measure, target));
        return DeliveryPlans.Load(ReportData.Geography, QuarterlyUniquePeople, [file]);
    }

    [Theory]
    [InlineData("crime.homicides", "", "the catalogue has no measure 'crime.homicides'")]
    [InlineData("safeguarding.missing_adults", """{ "value": 900, "windowMonths": 12 }""", "the target is for windows of 12 months, but safeguarding.missing_adults is submitted only for a financial quarter (3 months) and cannot be built from shorter windows")]
    [InlineData("cjs.crown_outstanding", """{ "value": 3000, "windowMonths": 3 }""", "the target is for windows of 3 months, but cjs.crown_outstanding is counted on a date, not over a window")]
    // A survey rate is counted over its own window, at most a year: two years cannot be built from years.
    [InlineData("survey.feeling_safe", """{ "value": 75, "windowMonths": 24 }""", "the target is for windows of 24 months, but survey.feeling_safe is submitted only for a month")]
    [InlineData("crime.homicide", """{ "value": 74.9 }""", "the target 74.9 is not a whole number, but crime.homicide is a count (is it a percentage?)")]
    [InlineData("crime.homicide", """{ "value": 75, "unit": "percent" }""", "the target is in percent, but crime.homicide is a count, whose targets are in count")]
    [InlineData("victims.satisfaction", """{ "value": 749 }""", "the target 749 is above 100, but victims.satisfaction is a ratio and its target a percentage (74.9 means 74.9%)")]
    [InlineData("survey.feeling_safe", """{ "value": 101 }""", "the target 101 is above 100, but survey.feeling_safe is a percent")]
    [InlineData("cjs.days_to_resolution", """{ "value": -2 }""", "the target -2 is negative")]
    [InlineData("crime.homicide", """{ "value": 33, "threshold": -0.05 }""", "the target's threshold -0.05 is negative")]
    // Each kind states what it is judged on and its band.
    [InlineData("victims.satisfaction", """{ "kind": "rate", "value": 74.9 }""", "a rate target states its amber band in percentage points (amberPoints, not negative)")]
    [InlineData("crime.homicide", """{ "kind": "rate", "value": 33, "amberPoints": 1 }""", "a rate target needs a rate, but crime.homicide is a count")]
    [InlineData("crime.homicide", """{ "value": 33, "amberPoints": 1 }""", "amberPoints is a rate's amber band; this target is not a rate")]
    [InlineData("crime.homicide", """{ "kind": "reduction", "reductionPercent": 2 }""", "a reduction target names its baseline year (baselineYear), states its baseline (baselineValue), or both")]
    [InlineData("crime.homicide", """{ "kind": "reduction", "baselineYear": "2012/13" }""", "a reduction target states its reduction (reductionPercent, from 0 to under 100)")]
    [InlineData("crime.homicide", """{ "kind": "reduction", "reductionPercent": 2, "baselineYear": "2012-13" }""", "the baseline year '2012-13' is not a financial year such as 2012/13")]
    [InlineData("crime.homicide", """{ "kind": "reduction", "reductionPercent": 2, "baselineValue": 33.5 }""", "the baseline 33.5 is not a whole number, but crime.homicide is a count (is it a percentage?)")]
    [InlineData("victims.satisfaction", """{ "kind": "reduction", "reductionPercent": 2, "baselineYear": "2012/13" }""", "a reduction target needs a measure where lower is better, but victims.satisfaction is not")]
    [InlineData("crime.homicide", """{ "value": 33, "baselineYear": "2012/13" }""", "a baseline and reduction belong to a reduction target")]
    [InlineData("crime.homicide", """{ "kind": "year_to_date", "value": 40, "phasing": [10, 20, 30] }""", "the phasing has 3 figures; it gives one per quarter (4) or per month (12)")]
    [InlineData("crime.homicide", """{ "kind": "year_to_date", "value": 40, "phasing": [10, 20, 30, 41] }""", "the phasing ends at 41, not at the year's target 40")]
    [InlineData("crime.homicide", """{ "kind": "year_to_date", "value": 40, "phasing": [10, 30, 20, 40] }""", "the phasing is cumulative, so it never goes down")]
    [InlineData("cjs.crown_outstanding", """{ "kind": "year_to_date", "value": 3000 }""", "a year-to-date target needs a flow, but cjs.crown_outstanding is counted on a date")]
    [InlineData("crime.homicide", """{ "kind": "milestone" }""", "a milestone target states its progress (milestone: not_started, in_progress or complete)")]
    [InlineData("crime.homicide", """{ "kind": "stated", "status": "amber" }""", "a stated target gives its status (green, amber or red) and the reason for it")]
    [InlineData("crime.homicide", """{ "value": 33, "status": "amber", "reason": "x" }""", "a status set by hand belongs to a stated target")]
    public void Load_PlanFileDisagreeingWithTheCatalogue_StopsNamingFileAndEntry(string measure, string target, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => LoadWith(file, measure, target));

            Assert.Contains($"The plan file {file} ('Bad') cannot be used:", error.Message, StringComparison.Ordinal);
            Assert.Contains($"- theme 'safer' / objective 'violence' / measure '{measure}': {expected}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    // Months tile any window: 4 months of homicides are four monthly figures added up.
    [InlineData("crime.homicide", """{ "value": 10, "windowMonths": 4, "unit": "count" }""")]
    [InlineData("crime.homicide", """{ "value": 33, "windowMonths": 12 }""")]
    [InlineData("victims.satisfaction", """{ "value": 74.9, "unit": "percent" }""")]
    [InlineData("cjs.days_to_resolution", """{ "value": 180.5, "unit": "days" }""")]
    [InlineData("cjs.crown_outstanding", """{ "value": 3000 }""")]
    [InlineData("victims.satisfaction", """{ "kind": "rate", "value": 74.9, "amberPoints": 1.5 }""")]
    [InlineData("crime.homicide", """{ "kind": "reduction", "reductionPercent": 2, "baselineYear": "2012/13" }""")]
    [InlineData("crime.homicide", """{ "kind": "year_to_date", "value": 40, "phasing": [10, 20, 30, 40] }""")]
    [InlineData("crime.homicide", """{ "kind": "milestone", "milestone": "in_progress", "due": "2023-12-31" }""")]
    [InlineData("crime.homicide", """{ "kind": "stated", "status": "amber", "reason": "Data not yet available" }""")]
    public void Load_PlanFileAgreeingWithTheCatalogue_ReplacesTheBuiltInPlan(string measure, string target)
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        try
        {
            var plans = LoadWith(file, measure, target);

            Assert.True(plans.TryGet(WestYorkshire, out var plan));
            Assert.Equal(measure, plan.Rows().Single().Measure.Measure);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task StartAsync_PlanFileWithAnUnknownMeasure_StopsTheAggregator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, PlanWith("crime.homicides", ""));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => ExchangeHost.StartAsync(
                ExchangeServices.Reporting, configure: builder => builder.Configuration["Reporting:PlanFiles:0"] = file));

            Assert.Contains($"The plan file {file} ('Bad') cannot be used:", error.Message, StringComparison.Ordinal);
            Assert.Contains("measure 'crime.homicides': the catalogue has no measure 'crime.homicides'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task StartAsync_BuiltInPlans_StartTheAggregator()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Reporting);

        var plans = host.Services.GetRequiredService<DeliveryPlans>();
        Assert.True(plans.TryGet(WestYorkshire, out _));
        Assert.True(plans.TryGet(WestMercia, out _));
    }

    [Fact]
    public void Read_PlanFileWithEveryKind_ReadsEachAsWritten()
    {
        const string json = $$"""
            // A plan using every kind of target.
            { "forceAreaCode": "{{Areas.WestYorkshire}}", "title": "Kinds", "themes": [ { "id": "t", "name": "T", "order": 1, "objectives": [
              { "id": "o", "name": "O", "order": 1, "measures": [
                { "measure": "crime.homicide", "label": "old", "order": 1, "target": { "value": 33 } },
                { "measure": "crime.total_recorded", "label": "reduction", "order": 2, "comparison": "rolling_12_months",
                  "target": { "kind": "reduction", "reductionPercent": 2, "baselineYear": "2012/13", "threshold": 0.03 } },
                { "measure": "victims.satisfaction", "label": "rate", "order": 3, "target": { "kind": "rate", "value": 74.9, "amberPoints": 1.5 } },
                { "measure": "crime.neighbourhood", "label": "ytd", "order": 4, "comparison": "year_to_date",
                  "target": { "kind": "year_to_date", "value": 1200, "phasing": [200, 500, 900, 1200] } },
                { "measure": "crime.hate_crime", "label": "milestone", "order": 5, "target": { "kind": "milestone", "milestone": "not_started", "due": "2024-03-31", "reason": "Strategy" } },
                { "measure": "asb.incidents", "label": "stated", "order": 6, "target": { "kind": "stated", "status": "amber", "reason": "Data not yet available" } }
              ] } ] } ] }
            """;
        var plan = DeliveryPlans.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test");
        var plans = new DeliveryPlans([plan], ReportData.Geography, Catalogue);

        Assert.True(plans.TryGet(WestYorkshire, out var loaded));
        var rows = loaded.Rows().Select(r => r.Measure).ToList();
        Assert.Equal([TargetKind.Absolute, TargetKind.Reduction, TargetKind.Rate, TargetKind.YearToDate, TargetKind.Milestone, TargetKind.Stated], rows.Select(r => r.Target!.Kind));
        Assert.Equal(0.05m, rows[0].Target!.EffectiveThreshold);
        Assert.Null(rows[0].Comparison);
        Assert.Equal(PlanComparison.Rolling12Months, rows[1].Comparison);
        Assert.Equal((2m, "2012/13", 2012, 0.03m, 12), (rows[1].Target!.ReductionPercent!.Value, rows[1].Target!.BaselineYear, rows[1].Target!.BaselineYearStart!.Value, rows[1].Target!.EffectiveThreshold, rows[1].Target!.EffectiveWindowMonths!.Value));
        Assert.Equal(1.5m, rows[2].Target!.AmberPoints);
        Assert.Equal(PlanComparison.YearToDate, rows[3].Comparison);
        Assert.Equal([200m, 500m, 900m, 1200m], rows[3].Target!.Phasing!);
        Assert.Equal((MilestoneState.NotStarted, new DateOnly(2024, 3, 31), "Strategy"), (rows[4].Target!.Milestone!.Value, rows[4].Target!.Due!.Value, rows[4].Target!.Reason));
        Assert.Equal((Delivery.Rag.Amber, "Data not yet available"), (rows[5].Target!.Status!.Value, rows[5].Target!.Reason));
    }
}
