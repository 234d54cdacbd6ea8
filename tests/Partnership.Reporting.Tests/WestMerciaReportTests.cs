using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// A West Mercia Delivery report within its 2013-17 plan: the plan's own words, its five community
/// safety partnerships (Worcestershire as North and South, not one county), and RAG where a target is set.
/// </summary>
public class WestMerciaReportTests
{
    private const string Violence = "crime.violence_with_injury";

    // 2015/16 Q3 against 2014/15 Q3, the geography of the day: five partnerships.
    private static readonly Period Current = Q(2015, 3);
    private static readonly Period Previous = Q(2014, 3);

    // Herefordshire 300, North Worcestershire 420, Shropshire 510, South Worcestershire 470, Telford and Wrekin 400.
    private static readonly decimal[] Now = [300, 420, 510, 470, 400];
    private static readonly decimal[] Before = [320, 450, 500, 480, 410];

    private static IReadOnlyList<ObservedRow> Rows() =>
    [
        .. WestMerciaDistricts.Select((d, i) => Value(Violence, d, Current, Now[i])),
        .. WestMerciaDistricts.Select((d, i) => Value(Violence, d, Previous, Before[i])),
    ];

    private static DeliveryPlan BuiltInPlan() =>
        DeliveryPlans.Load(ReportData.Geography, MeasureCatalogue.Load()).TryGet(WestMercia, out var plan) ? plan : throw new InvalidOperationException("no West Mercia plan");

    [Fact]
    public void Build_BuiltInPlan_ListsTheFivePartnershipsAndAddsThemUp()
    {
        var report = Builder.Build(BuiltInPlan(), Current, [ComparisonKind.PreviousYear], Rows(), includeSeries: false);
        var row = report.Rows().Single(r => r.Measure.Id == Violence).Measure;
        var county = row.County.For(ComparisonKind.PreviousYear)!;

        Assert.Equal(["Herefordshire", "North Worcestershire", "Shropshire", "South Worcestershire", "Telford and Wrekin"], report.Districts.Select(d => d.Name));
        Assert.Equal("Reduction in the volume of violent crime with injury", row.Plan.Label);
        // 300 + 420 + 510 + 470 + 400 = 2,100 against 320 + 450 + 500 + 480 + 410 = 2,160: -60, -2.8% (-2.777...).
        Assert.Equal((2_100m, 2_160m), (county.Current.Value, county.Previous.Value));
        Assert.Equal("-60 -2.8%", FigureText.Change(row.Unit, county.Change));
        // The draft sets no target, so no status: none is invented.
        Assert.Null(county.Status);
        var markdown = ReportRenderer.Render(report, PublishedFormat.Markdown, new DashboardFilters(ComparisonKind.PreviousYear, null, [Current])).Content;
        Assert.Contains("West Mercia Police and Crime Plan 2013-17", markdown, StringComparison.Ordinal);
        Assert.Contains("North Worcestershire", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Worcestershire", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_100, "Green")] // at the target
    [InlineData(2_000, "Amber")] // 2,100 is 100 worse, within 5% of 2,000 (100): the boundary is Amber
    [InlineData(1_999, "Red")] // 101 worse, beyond 5% of 1,999 (99.95)
    public void Build_PlanWithATarget_GivesRagOnTheFivePartnershipsTotal(int target, string rag)
    {
        // A deployment's plan file for West Mercia stating a target for the quarter, as the final plan would.
        var plan = BuiltInPlan();
        var withTarget = plan with
        {
            Themes = [.. plan.Themes.Select(t => t with
            {
                Objectives = [.. t.Objectives.Select(o => o with
                {
                    Measures = [.. o.Measures.Select(m => m.Measure == Violence ? m with { Target = new PlanTarget(target, Polarity.LowerIsBetter) } : m)],
                })],
            })],
        };

        var report = Builder.Build(withTarget, Current, [ComparisonKind.PreviousYear], Rows(), includeSeries: false);
        var county = report.Rows().Single(r => r.Measure.Id == Violence).Measure.County.For(ComparisonKind.PreviousYear)!;

        Assert.Equal(rag, FigureText.Status(county.Status));
    }
}
