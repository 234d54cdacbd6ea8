using Partnership.Domain;
using Partnership.Reporting.Plans;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// West Mercia's Police and Crime Plan 2013-17 (draft for consultation, 8 January 2013) as built-in
/// data: its aims, objectives and success measures as the plan words them, and no target, because
/// the draft states none.
/// </summary>
public class WestMerciaPlanTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();

    private static DeliveryPlan Plan()
    {
        Assert.True(DeliveryPlans.Load(ReportData.Geography, Catalogue).TryGet(WestMercia, out var plan));
        return plan;
    }

    [Fact]
    public void Load_BuiltIn_HasWestMerciasPlanAgreeingWithTheCatalogue()
    {
        var plan = Plan();

        Assert.Empty(PlanCatalogueCheck.Problems(plan, Catalogue));
        Assert.Equal("West Mercia Police and Crime Plan 2013-17 (draft for consultation)", plan.Title);
        Assert.Equal(
            ["To ensure an efficient and effective police service", "To reduce crime and disorder", "To protect communities from harm", "To provide a strong and powerful voice for the people and victims of crime"],
            plan.Themes.OrderBy(t => t.Order).Select(t => t.Name));
        Assert.Equal(13, plan.Themes.Sum(t => t.Objectives.Count));
        Assert.Equal(22, plan.Rows().Count());
    }

    [Theory]
    [InlineData("roads.killed_or_seriously_injured", "safer-roads", "Reduction in the number of people killed or seriously injured")]
    [InlineData("crime.hate_crime", "vulnerable-people", "Increase in the number of reported hate crimes")]
    [InlineData("crime.hate_crime_solved", "vulnerable-people", "Solved detection rate for hate crimes")]
    [InlineData("asb.incidents", "anti-social-behaviour", "Reduction in the volume of ASB incidents as measured by the police")]
    [InlineData("crime.violence_with_injury", "violent-crime", "Reduction in the volume of violent crime with injury")]
    [InlineData("survey.police_confidence", "neighbourhood-policing", "Increase in public confidence as measured by survey")]
    [InlineData("victims.satisfaction", "victims-and-witnesses", "Victim satisfaction levels as measured through survey")]
    public void Load_BuiltIn_WestMerciaListsTheSuccessMeasureInThePlansWords(string measure, string objective, string label)
    {
        var row = Plan().Rows().Single(r => r.Measure.Measure == measure);

        Assert.Equal((objective, label), (row.Objective.Id, row.Measure.Label));
    }

    [Fact]
    public void Load_BuiltIn_WestMerciaHasNoTargetsAsTheDraftStatesNone()
    {
        var plan = Plan();

        // "including the development of any associated targets": the draft leaves targets to after consultation.
        Assert.All(plan.Rows(), r => Assert.Null(r.Measure.Target));
        Assert.Equal(5, plan.Notes.Count);
        Assert.StartsWith("No targets: the draft states none.", plan.Notes[0], StringComparison.Ordinal);
        Assert.StartsWith("No relative target:", plan.Notes[1], StringComparison.Ordinal);
    }
}
