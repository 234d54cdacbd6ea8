using Partnership.Reporting.Delivery;
using static Partnership.Reporting.Tests.ReportData;

namespace Partnership.Reporting.Tests;

public class InterimDisclosureControlTests
{
    private const string Homicide = "crime.homicide";

    private static DeliveryReport Report()
    {
        // Q3: Leeds 3 (a small count), the others 0 or more than 4; the county total is 12.
        decimal[] values = [5, 0, 4, 3, 0];
        var rows = Districts.Select((d, i) => Value(Homicide, d, Q(2024, 3), values[i])).ToList();
        rows.AddRange(Districts.Select(d => Value(Homicide, d, Q(2023, 3), 6)));
        return Builder.Build(PlanOf(Homicide), Q(2024, 3), [ComparisonKind.PreviousYear], rows);
    }

    [Fact]
    public void Apply_Public_WithholdsSmallCountsAndEveryDistrictThatWouldReveal()
    {
        var row = new InterimDisclosureControl().Apply(Report(), ReportAudience.Public).Rows().Single().Measure;

        var county = row.County.For(ComparisonKind.PreviousYear)!;
        Assert.Equal(12m, county.Current.Value);
        Assert.All(row.Districts, d =>
        {
            var c = d.For(ComparisonKind.PreviousYear)!;
            Assert.Null(c.Current.Value);
            Assert.Null(c.Change);
            Assert.Equal(6m, c.Previous.Value); // a year earlier nothing was small
        });
        Assert.True(row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current.Withheld);
        Assert.All(row.Series.Where(l => !l.IsCounty), l => Assert.Null(l.Points[^1].Value));
    }

    [Fact]
    public void Apply_Partner_ShowsTrueFigures()
    {
        var row = new InterimDisclosureControl().Apply(Report(), ReportAudience.Partner).Rows().Single().Measure;

        Assert.Equal(3m, row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current.Value);
    }
}
