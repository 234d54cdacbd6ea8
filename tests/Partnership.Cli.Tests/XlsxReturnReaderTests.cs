using ClosedXML.Excel;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a return read from a workbook is checked like a CSV file, and each problem names its sheet and cell.</summary>
public sealed class XlsxReturnReaderTests
{
    private static readonly Period Q1 = Period.FinancialQuarter(2025, 1);

    private static MemoryStream Workbook(Action<IXLWorksheet> fill, string sheet = XlsxTable.SheetName, string? before = null)
    {
        using var book = new XLWorkbook();
        if (before is not null)
        {
            book.Worksheets.Add(before).Cell(1, 1).SetValue("notes on the return");
        }

        fill(book.Worksheets.Add(sheet));
        var stream = new MemoryStream();
        book.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static void Header(IXLWorksheet sheet)
    {
        for (var i = 0; i < ReturnColumns.Template.Count; i++)
        {
            sheet.Cell(1, i + 1).SetValue(ReturnColumns.Template[i]);
        }
    }

    private static CsvReadResult Read(MemoryStream workbook, Period? period = null) =>
        new XlsxReturnReader(MeasureCatalogue.Load()).Read(workbook, period);

    [Fact]
    public void Read_ProblemsInCells_NameSheetCellAndColumnWithTheCsvReadersMessages()
    {
        using var workbook = Workbook(sheet =>
        {
            Header(sheet);
            sheet.Cell(2, 1).SetValue("crime.total_recorded");
            sheet.Cell(2, 2).SetValue(Areas.Bradford);
            sheet.Cell(2, 3).SetValue(Q1.Label);
            sheet.Cell(2, 4).SetValue("64 Q1 only");
            sheet.Cell(3, 1).SetValue("crime.homicide");
            sheet.Cell(3, 2).SetValue(Areas.Bradford);
            sheet.Cell(3, 3).SetValue(Q1.Label);
            sheet.Cell(3, 4).SetValue(3);
            sheet.Cell(3, 7).SetValue("done");
            sheet.Cell(5, 2).SetValue(Areas.Bradford);
            sheet.Cell(5, 3).SetValue(Q1.Label);
            sheet.Cell(5, 4).SetValue(12.5);
            sheet.Cell(5, 4).Style.NumberFormat.Format = "0.0%";
        });

        var result = Read(workbook);

        Assert.Null(result.Return);
        Assert.Equal(
            [
                "return.xlsx: Return!D2: column 'value': '64 Q1 only' is not a number: it has text in it (put remarks in the note column)",
                "return.xlsx: Return!G3: column 'status': 'done' is not one of final, provisional, estimated, revised or unvalidated",
                "return.xlsx: Return!A5: column 'measure': the measure id is empty (e.g. crime.total_recorded)",
            ],
            result.Problems.Select(p => p.Format("return.xlsx")));
    }

    [Fact]
    public void Read_HeaderMissingAColumnOnASheetWithASpace_NamesTheHeaderRowOfTheQuotedSheet()
    {
        using var workbook = Workbook(
            sheet =>
            {
                sheet.Cell(3, 1).SetValue("measure");
                sheet.Cell(3, 2).SetValue("area");
                sheet.Cell(3, 3).SetValue("period");
                sheet.Cell(3, 4).SetValue("value");
                sheet.Cell(3, 5).SetValue("numerator");
                sheet.Cell(3, 6).SetValue("colour");
            },
            sheet: "My return");

        var result = Read(workbook);

        Assert.Equal(
            [
                "return.xlsx: 'My return'!F3: column 'colour': is not a column of this return; the columns are measure, area, period, value, numerator, denominator, status, note, trend",
                "return.xlsx: 'My return'!3:3: column 'denominator': is missing from the header, which must name measure, area, period, value, numerator, denominator (status, note, trend are optional)",
            ],
            result.Problems.Select(p => p.Format("return.xlsx")));
    }

    [Fact]
    public void Read_TypedCells_ReadAsTheFiguresAndDatesTheyShow()
    {
        using var workbook = Workbook(
            sheet =>
            {
                Header(sheet);
                sheet.Cell(2, 1).SetValue("survey.feeling_safe");
                sheet.Cell(2, 2).SetValue(Areas.WestYorkshire);
                sheet.Cell(2, 3).SetValue(Q1.Label);
                sheet.Cell(2, 4).SetValue(0.645);
                sheet.Cell(2, 4).Style.NumberFormat.NumberFormatId = 10;
                sheet.Cell(3, 1).SetValue("victims.isva_caseload");
                sheet.Cell(3, 2).SetValue(Areas.WestYorkshire);
                sheet.Cell(3, 3).SetValue(new DateTime(2025, 6, 30));
                sheet.Cell(3, 4).SetValue(1234.0);
                sheet.Cell(3, 4).Style.NumberFormat.Format = "#,##0";
                sheet.Cell(4, 1).SetValue("victims.wellbeing_improved");
                sheet.Cell(4, 2).SetValue(Areas.WestYorkshire);
                sheet.Cell(4, 3).SetValue(Q1.Label);
                sheet.Cell(4, 5).SetValue(3);
                sheet.Cell(4, 6).SetValue(4);
                sheet.Cell(4, 7).SetValue("Provisional");
            },
            before: "Notes");

        var result = Read(workbook);

        Assert.Empty(result.Problems);
        var read = Assert.IsType<CsvReturn>(result.Return);
        Assert.Equal((Areas.WestYorkshire, Q1), (read.AreaCode, read.Period));
        Assert.Equal(
            [
                new CsvObservation(2, "survey.feeling_safe", Q1, Figure.OfValue(64.5m), null, Trend.None, ""),
                new CsvObservation(3, "victims.isva_caseload", Period.Snapshot(new DateOnly(2025, 6, 30)), Figure.OfValue(1234m), null, Trend.None, ""),
                new CsvObservation(4, "victims.wellbeing_improved", Q1, Figure.OfFraction(3m, 4m), ObservationStatus.Provisional, Trend.None, ""),
            ],
            read.Observations);
    }

    [Fact]
    public void Read_CsvTextUnderAnXlsxName_SaysItIsNotAWorkbook()
    {
        using var text = new MemoryStream("measure,area,period,value,numerator,denominator\n"u8.ToArray());

        var result = Read(text);

        Assert.Equal(
            ["return.xlsx: this is not an Excel workbook (.xlsx) that can be read; save it again from Excel as an .xlsx, or as CSV UTF-8"],
            result.Problems.Select(p => p.Format("return.xlsx")));
    }

    [Fact]
    public void Read_ProviderTemplateRowsWithTheirCaseloadDatedAtTheQuartersEnd_TakeTheQuarterWithoutAPeriodGiven()
    {
        var csv = $"""
            measure,area,period,value,numerator,denominator
            victims.referrals,{Areas.WestYorkshire},{Q1.Label},100,,
            victims.isva_caseload,{Areas.WestYorkshire},2025-06-30,7,,
            """;

        var result = new CsvReturnReader(MeasureCatalogue.Load()).Read(new StringReader(csv));

        Assert.Empty(result.Problems);
        Assert.Equal(Q1, result.Return!.Period);
    }
}
