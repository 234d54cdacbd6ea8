using Partnership.Domain;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Tests;

/// <summary>A force without a plan of its own reports against the national core plan; its own plan, when loaded, wins.</summary>
public class CorePlanTests
{
    private const string Cleveland = "E23000013";
    private const string Hartlepool = "E06000001";
    private const string WestMercia = "E23000016";

    private static readonly Geography TwoForces = new(
        [
            new AreaDefinition(Cleveland, "Cleveland", AreaType.Force),
            new AreaDefinition(Hartlepool, "Hartlepool", AreaType.District),
            new AreaDefinition(WestMercia, "West Mercia", AreaType.Force),
        ],
        [new AreaMembership(Hartlepool, Cleveland)]);

    private static readonly DeliveryPlan WestMerciaPlan = new(WestMercia, "West Mercia's own plan", "test", [
        new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [new PlanMeasure("crime.total_recorded", "Total crime", 1)])]),
    ]);

    [Fact]
    public void TryGet_ForceWithoutItsOwnPlan_GetsTheCorePlanUnderItsOwnCode()
    {
        var plans = new DeliveryPlans([WestMerciaPlan], TwoForces, MeasureCatalogue.Load(), DeliveryPlans.ReadCore());

        Assert.True(plans.TryGet(Cleveland, out var plan));

        Assert.False(plans.HasOwnPlan(Cleveland));
        Assert.Equal(Cleveland, plan.ForceAreaCode);
        Assert.StartsWith("National core measures", plan.Title, StringComparison.Ordinal);
        Assert.Equal(
            ["crime.total_recorded", "crime.neighbourhood", "crime.domestic_burglary", "crime.personal_robbery", "crime.hate_crime",
             "crime.violence_with_injury", "crime.violence_with_injury_solved", "crime.serious_violence", "crime.knife_enabled", "crime.homicide",
             "asb.incidents"],
            plan.Rows().Select(r => r.Measure.Measure));
        Assert.All(plan.Rows(), r => Assert.Null(r.Measure.Target));
    }

    [Fact]
    public void TryGet_ForceWithItsOwnPlanOrNotAForce_OwnPlanOrNothing()
    {
        var plans = new DeliveryPlans([WestMerciaPlan], TwoForces, MeasureCatalogue.Load(), DeliveryPlans.ReadCore());

        Assert.True(plans.TryGet(WestMercia, out var own));
        Assert.Equal("West Mercia's own plan", own.Title);
        Assert.True(plans.HasOwnPlan(WestMercia));
        // A district is not a force: no report of its own, core or otherwise.
        Assert.False(plans.TryGet(Hartlepool, out _));
        Assert.False(plans.TryGet("E23999999", out _));
    }
}
