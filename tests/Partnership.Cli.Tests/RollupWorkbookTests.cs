using ClosedXML.Excel;
using Partnership.Cli.Output;
using Partnership.Domain;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: the county rollup as an Excel workbook, figures typed and formatted by unit.</summary>
public sealed class RollupWorkbookTests
{
    private static XLWorkbook Write(Contracts.Reporting.V1.CountyRollup rollup)
    {
        var stream = new MemoryStream();
        new RollupFormatter(Geography.Load()).WriteWorkbook(rollup, stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    private static void AssertNumber(IXLCell cell, double value, string format)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal(value, cell.GetDouble());
        Assert.Equal(format, cell.Style.NumberFormat.Format);
    }

    private static void AssertText(IXLCell cell, string text)
    {
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(text, cell.GetString());
    }

    [Fact]
    public void WriteWorkbook_Rollup_WritesTypedFiguresUnderAFrozenHeaderInTheRollupsOrder()
    {
        using var book = Write(RollupFormatterTests.Rollup());

        var sheet = Assert.Single(book.Worksheets);
        Assert.Equal("Rollup", sheet.Name);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(
            ["Measure", "Name", "County value", "Numerator", "Denominator", "District sum", "Submitted county figure",
             "Flags", "Source", "Districts included", "Districts expected", "Missing districts", "Explanation"],
            sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(4, sheet.LastRowUsed().RowNumber());
        Assert.Equal("County rollup: West Yorkshire (E23000010), FY2020/21-Q3", book.Properties.Title);

        // A count: whole with separators; Calderdale missing makes it provisional.
        var crimes = sheet.Row(2);
        AssertText(crimes.Cell(1), "crime.total_recorded");
        AssertText(crimes.Cell(2), "Total recorded crime");
        AssertNumber(crimes.Cell(3), 12345, "#,##0");
        Assert.True(crimes.Cell(4).IsEmpty());
        Assert.True(crimes.Cell(5).IsEmpty());
        AssertNumber(crimes.Cell(6), 12345, "#,##0");
        Assert.True(crimes.Cell(7).IsEmpty());
        AssertText(crimes.Cell(8), "provisional");
        AssertText(crimes.Cell(9), "districts");
        AssertNumber(crimes.Cell(10), 4, "#,##0");
        AssertNumber(crimes.Cell(11), 5, "#,##0");
        AssertText(crimes.Cell(12), $"Calderdale ({Areas.Calderdale})");
        AssertText(crimes.Cell(13), "Calderdale has not reported");

        // A ratio held as a fraction is an Excel percentage as it is: 100/300 (9 decimals on the wire) shows as 33.3%.
        var solved = sheet.Row(3);
        AssertText(solved.Cell(1), "crime.violence_with_injury_solved");
        AssertNumber(solved.Cell(3), 0.333333333, "0.0%");
        AssertNumber(solved.Cell(4), 100, "#,##0");
        AssertNumber(solved.Cell(5), 300, "#,##0");
        Assert.True(solved.Cell(8).IsEmpty());
        AssertNumber(solved.Cell(10), 5, "#,##0");
        Assert.True(solved.Cell(12).IsEmpty());

        // A figure in percent (86.25) becomes the fraction Excel shows as 86.3%; no county figure is "n/a".
        var safe = sheet.Row(4);
        AssertText(safe.Cell(1), "survey.feeling_safe");
        AssertText(safe.Cell(3), "n/a");
        AssertNumber(safe.Cell(6), 0.8625, "0.0%");
        AssertText(safe.Cell(9), "none");
        AssertNumber(safe.Cell(10), 0, "#,##0");
        AssertText(safe.Cell(12), "all 5 districts");
        AssertText(safe.Cell(13), "no county figure submitted, \"county only\"");
    }

    [Fact]
    public void WriteWorkbook_SuppressedAndDaysFigures_WritesAStarAsTextAndDaysWithTheirUnit()
    {
        var rollup = RollupFormatterTests.Rollup();
        rollup.Measures[0].CountyValueSuppressed = true;
        rollup.Measures[0].DistrictSumSuppressed = true;
        rollup.Measures[1].Measure.Unit = "days";
        rollup.Measures[1].CountyValue = 42.25m;

        using var book = Write(rollup);

        var sheet = book.Worksheet("Rollup");
        AssertText(sheet.Cell(2, 3), "*");
        AssertText(sheet.Cell(2, 6), "*");
        AssertNumber(sheet.Cell(3, 3), 42.25, "0.0\" days\"");
    }
}
