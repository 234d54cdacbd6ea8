using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a template as a workbook, filled in Excel's way and submitted as it is.</summary>
public sealed partial class XlsxCliTests : IDisposable
{
    private const string Quarter = "FY2025/26-Q1";

    /// <summary>A quarter of the year <see cref="VictimCommissioning"/> commissions wy-isva for.</summary>
    private const string CommissionedQuarter = "FY2024/25-Q1";

    private readonly TempDirectory _directory = new("partnership-cli-xlsx-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Template_FormatXlsx_HasTheColumnsATypedSheetAFrozenHeaderAndADropDownOfTheMeasureIds()
    {
        var path = _directory.File("bradford.xlsx");
        var csv = await RunAsync(Offline(), "template", "--service", "crime", "--area", Areas.Bradford, "--period", Quarter);
        var measureIds = CsvRecordReader.Read(new StringReader(csv.Out)).Skip(1).Select(r => r.Fields[0]).ToList();

        var written = await RunAsync(Offline(), "template", "--service", "crime", "--area", Areas.Bradford, "--period", Quarter, "--format", "xlsx", "--out", path);

        Assert.True(written.Exit == ExitCodes.Success, written.Error);
        using var book = new XLWorkbook(path);
        var sheet = book.Worksheet(XlsxTable.SheetName);
        Assert.Equal(ReturnColumns.Template, sheet.Row(1).Cells(1, ReturnColumns.Template.Count).Select(c => c.GetString()));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(measureIds, sheet.Range(2, 1, measureIds.Count + 1, 1).Cells().Select(c => c.GetString()));
        Assert.All(sheet.Range(2, 2, measureIds.Count + 1, 3).Cells(), c => Assert.Equal(XLDataType.Text, c.DataType));
        Assert.Equal(Quarter, sheet.Cell(2, 3).GetString());
        Assert.Equal(Areas.Bradford, sheet.Cell(2, 2).GetString());

        var last = measureIds.Count + 1 + XlsxTemplate.SpareRows;
        Assert.Equal(("@", "#,##0.00", "#,##0", "#,##0"), (sheet.Cell(last, 3).Style.NumberFormat.Format, sheet.Cell(last, 4).Style.NumberFormat.Format, sheet.Cell(last, 5).Style.NumberFormat.Format, sheet.Cell(last, 6).Style.NumberFormat.Format));

        var measureList = Assert.Single(sheet.DataValidations, v => v.Ranges.Any(r => r.RangeAddress.ToString() == $"A2:A{last}"));
        Assert.Equal(XLAllowedValues.List, measureList.AllowedValues);
        Assert.True(measureList.InCellDropdown);
        var lists = book.Worksheet(XlsxTemplate.ListsSheetName);
        Assert.Equal(XLWorksheetVisibility.Hidden, lists.Visibility);
        Assert.Equal($"{XlsxTemplate.ListsSheetName}!$A$1:$A${measureIds.Count}", measureList.Value.TrimStart('='));
        Assert.Equal(measureIds, lists.Range(1, 1, measureIds.Count, 1).Cells().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Template_FormatXlsx_ACountsValueIsAWholeNumberCellAndARatiosOrPercentagesKeepsDecimals()
    {
        var path = _directory.File("counts.xlsx");

        var written = await RunAsync(Offline(), "template", "--service", "crime", "--area", Areas.Bradford, "--period", Quarter, "--format", "xlsx", "--out", path);

        Assert.True(written.Exit == ExitCodes.Success, written.Error);
        using var book = new XLWorkbook(path);
        var sheet = book.Worksheet(XlsxTable.SheetName);
        var value = ReturnColumns.Template.ToList().IndexOf(ReturnColumns.Value) + 1;
        var rows = sheet.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(value));
        var spare = sheet.Cell(rows.Count + 2, value);
        Assert.Equal(
            (XlsxTemplate.CountFormat, XlsxTemplate.FigureFormat, XlsxTemplate.FigureFormat, XlsxTemplate.FigureFormat),
            (Format(rows["crime.total_recorded"]), Format(rows["crime.violence_with_injury_solved"]), Format(rows["survey.feeling_safe"]), Format(spare)));
        Assert.Equal(
            (XLAllowedValues.WholeNumber, XLAllowedValues.Decimal, XLAllowedValues.Decimal),
            (Allowed(rows["crime.total_recorded"]), Allowed(rows["survey.feeling_safe"]), Allowed(spare)));

        static string Format(IXLCell cell) => cell.Style.NumberFormat.Format;
        XLAllowedValues Allowed(IXLCell cell) => Assert.Single(sheet.DataValidations, v => v.Ranges.Any(r => r.Contains(cell))).AllowedValues;
    }

    [Fact]
    public async Task Submit_ProviderTemplateFilledAsAWorkbookWithoutPeriod_IsStoredAndReadsBack()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await host.Victims.SubmitCommissioningAsync(VictimCommissioning.FY2024());
        var path = _directory.File("isva.xlsx");
        string[] provider = ["--service", "victims", "--commission", "wy-isva"];
        var template = await RunAsync(Offline(), ["template", .. provider, "--area", Areas.WestYorkshire, "--period", CommissionedQuarter, "--out", path]);
        Assert.True(template.Exit == ExitCodes.Success, template.Error);

        // Filled the way a partner fills it in Excel: numbers typed into the figure cells (the four referral
        // sources add up to the total).
        var catalogue = MeasureCatalogue.Load();
        int rows;
        using (var book = new XLWorkbook(path))
        {
            var sheet = book.Worksheet(XlsxTable.SheetName);
            rows = sheet.LastRowUsed().RowNumber() - 1;
            for (var row = 2; row <= rows + 1; row++)
            {
                var id = sheet.Cell(row, 1).GetString();
                if (catalogue.TryGet(id, out var measure) && measure.Kind == FigureKind.Ratio)
                {
                    sheet.Cell(row, 5).SetValue(3);
                    sheet.Cell(row, 6).SetValue(4);
                }
                else
                {
                    sheet.Cell(row, 4).SetValue(id == "victims.referrals" ? 28 : 7);
                }
            }

            book.Save();
        }

        var submitted = await RunAsync(host, ["submit", path, .. provider]);

        Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);
        var returnId = ReturnId().Match(submitted.Out).Groups["id"].Value;
        Assert.Equal(
            [
                $"Read {rows} observations for {Areas.WestYorkshire}, {CommissionedQuarter}, from {path}.",
                "Submitting to the victim services service at http://localhost...",
                $"Accepted: return {returnId}, revision 1, {rows} observations.",
            ],
            submitted.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));

        var history = await RunAsync(host, "history", "--measure", "victims.isva_caseload", "--area", Areas.WestYorkshire, "--period", "2024-06-30");
        Assert.True(history.Exit == ExitCodes.Success, history.Error);
        Assert.Matches(CurrentRevisionOfSeven(), history.Out);
    }

    [Fact]
    public async Task Submit_WorkbookWithProblems_ListsEachWithSheetCellAndColumnAndSendsNothing()
    {
        var path = _directory.File("bradford.xlsx");
        using (var book = new XLWorkbook())
        {
            var sheet = book.Worksheets.Add("Return");
            string[] header = ["measure", "area", "period", "value", "numerator", "denominator"];
            for (var i = 0; i < header.Length; i++)
            {
                sheet.Cell(1, i + 1).SetValue(header[i]);
            }

            sheet.Cell(2, 1).SetValue("crime.total_recorded");
            sheet.Cell(2, 2).SetValue(Areas.Bradford);
            sheet.Cell(2, 3).SetValue("03/04/2025");
            sheet.Cell(2, 4).SetValue(5000);
            sheet.Cell(3, 1).SetValue("crime.homicide");
            sheet.Cell(3, 2).SetValue(Areas.Leeds);
            sheet.Cell(3, 3).SetValue(Quarter);
            sheet.Cell(3, 5).SetValue(2);
            book.SaveAs(path);
        }

        var submitted = await RunAsync(Offline(), "submit", path);

        Assert.Equal(ExitCodes.Rejected, submitted.Exit);
        Assert.Equal(
            [
                $"{path}: Return!C2: column 'period': '03/04/2025' could be 3 April 2025 or 4 March 2025; write it as 2025-04-03 or 2025-03-04",
                $"{path}: Return!B3: column 'area': area '{Areas.Leeds}' differs from '{Areas.Bradford}' on line 2; a return is for one area, so put each area in its own file",
                $"{path}: Return!F3: column 'denominator': is empty, but the numerator is given; a ratio needs both",
                $"3 problems in {path}; nothing was sent.",
            ],
            submitted.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^Accepted: return (?<id>\S+),", RegexOptions.Multiline)]
    private static partial Regex ReturnId();

    [GeneratedRegex(@"wy-isva\s+1\s+7\s")]
    private static partial Regex CurrentRevisionOfSeven();
}
