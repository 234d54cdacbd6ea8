using Partnership.Domain;
using Partnership.Reporting.Comparisons;

namespace Partnership.Reporting.Tests;

/// <summary>The national figures layout: every row checked, every problem named by line and column, nothing kept from a bad file.</summary>
public sealed class NationalFiguresCsvTests
{
    private const string Header = "area_code,measure_id,period_start,period_end,value,publication,published_on";
    private const string Publication = "\"ONS Crime in England and Wales, year ending March 2024\"";

    private static IReadOnlyList<NationalFigureRow> Read(string text) =>
        NationalFiguresCsv.Read(new StringReader(text), ReportData.Catalogue, PoliceForces.LoadBuiltIn());

    [Fact]
    public void Read_GoodFile_GivesEveryRowWithItsWindowAndVintage()
    {
        var rows = Read($"""
            {Header}
            E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,{Publication},2024-07-24
            K04000001,crime.total_recorded,2023-04-01,2024-03-31,"5,384,124",{Publication},2024-07-24
            """);

        Assert.Equal(
            [
                ("E23000016", "crime.total_recorded.per_1000", "FY2023/24", 61.2m, "ONS Crime in England and Wales, year ending March 2024", new DateOnly(2024, 7, 24)),
                ("K04000001", "crime.total_recorded", "FY2023/24", 5_384_124m, "ONS Crime in England and Wales, year ending March 2024", new DateOnly(2024, 7, 24)),
            ],
            rows.Select(r => (r.AreaCode, r.MeasureId, r.Window.Label, r.Value, r.Publication, r.PublishedOn)));
    }

    [Fact]
    public void Read_BadRows_ListsEveryProblemByLineAndColumnAndKeepsNothing()
    {
        var ex = Assert.Throws<NationalFiguresRejectedException>(() => Read($"""
            {Header}
            E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,{Publication},2024-07-24
            E10000034,crime.total_recorded.per_1000,2023-04-01,2024-03-31,120.1,{Publication},2024-07-24
            E23000016,crime.burglary,2023-04-01,2024-03-31,4.1,{Publication},2024-07-24
            E23000016,crime.domestic_burglary.per_1000,2023-04-01,2024-03-31,n/a,{Publication},2024-07-24
            E23000016,crime.violence_with_injury_solved.per_1000,2023-04-01,2024-03-31,12.0,{Publication},2024-07-24
            E23000016,crime.homicide.per_1000,2023-04-02,2024-03-31,0.01,{Publication},2024-03-01
            E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,{Publication},2024-07-24
            E23000016,asb.incidents.per_1000,2023-04-01,2024-03-31,-3,,2024-07-24
            """));

        Assert.Equal(
            [
                "line 3.area_code",
                "line 4.measure_id",
                "line 5.value",
                "line 6.measure_id",
                "line 7.period_end",
                "line 7.published_on",
                "line 8.row",
                "line 9.value",
                "line 9.publication",
            ],
            ex.Violations.Select(v => v.Field));
        Assert.Equal("'E10000034' is not a police force area code (E23/W15) of a force in England and Wales, nor K04000001 (England and Wales)", ex.Violations[0].Description);
        Assert.Equal("repeats line 2: the same publication, area, measure and window twice", ex.Violations[6].Description);
    }

    [Fact]
    public void Read_MissingColumn_NamesItOnTheHeaderLine()
    {
        var ex = Assert.Throws<NationalFiguresRejectedException>(() => Read("area_code,measure_id,period_start,period_end,value,publication\n"));

        Assert.Equal(("line 1.header", "missing column(s) published_on; the first line must be: " + Header), (ex.Violations.Single().Field, ex.Violations.Single().Description));
    }

    [Fact]
    public void Template_IsAFileTheReaderAccepts()
    {
        var row = Assert.Single(Read(NationalFiguresLayout.Template));

        Assert.Equal(("E23000016", 61.2m), (row.AreaCode, row.Value));
    }
}
