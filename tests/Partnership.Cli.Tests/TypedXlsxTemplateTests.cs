using ClosedXML.Excel;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Returns.Typed;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: the justice board's typed returns as workbook templates, with typed cells, read back as they are written.</summary>
public sealed class TypedXlsxTemplateTests : IDisposable
{
    private const string HalfYear = "FY2024/25-H1";

    private readonly TempDirectory _directory = new("partnership-cli-typed-xlsx-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Template_JusticeCourtBacklogFormatXlsx_HasTheForcesCourtsADateCellValidatedCountsAndADropDownOfStatuses()
    {
        var path = _directory.File("backlog.xlsx");
        var kind = JusticeReturnFiles.Service.Get("court-backlog")!;
        var courts = kind.TemplateRows(Areas.WestYorkshire, Period.Parse(HalfYear)).Select(r => r[0]).ToList();

        var written = await RunAsync(Offline(), "template", "--service", "justice", "--return", "court-backlog", "--area", Areas.WestYorkshire, "--period", HalfYear, "--format", "xlsx", "--out", path);

        Assert.True(written.Exit == ExitCodes.Success, written.Error);
        using var book = new XLWorkbook(path);
        var sheet = book.Worksheet(XlsxTable.SheetName);
        Assert.Equal(kind.Columns.Template, sheet.Row(1).Cells(1, kind.Columns.Template.Count).Select(c => c.GetString()));
        Assert.NotEmpty(courts);
        Assert.Equal(courts, sheet.Range(2, 1, courts.Count + 1, 1).Cells().Select(c => c.GetString()));

        var date = sheet.Cell(2, Column(kind, JusticeReturnFiles.SnapshotDate));
        Assert.Equal((XLDataType.DateTime, new DateTime(2024, 9, 30), XlsxTemplate.DateFormat), (date.DataType, date.GetDateTime(), date.Style.NumberFormat.Format));

        var last = courts.Count + 1 + XlsxTemplate.SpareRows;
        var over52 = Letter(kind, JusticeReturnFiles.Over52Weeks);
        Assert.Equal(XlsxTemplate.CountFormat, sheet.Cell(last, Column(kind, JusticeReturnFiles.Over52Weeks)).Style.NumberFormat.Format);
        var count = Assert.Single(sheet.DataValidations, v => v.Ranges.Any(r => r.RangeAddress.ToString() == $"{over52}2:{over52}{last}"));
        Assert.Equal((XLAllowedValues.WholeNumber, XLOperator.EqualOrGreaterThan, "0"), (count.AllowedValues, count.Operator, count.MinValue));
        var status = Letter(kind, JusticeReturnFiles.StatusColumn);
        var statuses = Assert.Single(sheet.DataValidations, v => v.Ranges.Any(r => r.RangeAddress.ToString() == $"{status}2:{status}{last}"));
        Assert.Equal(XLAllowedValues.List, statuses.AllowedValues);
    }

    [Fact]
    public void Workbook_TrialsFilledIn_ReadsBackIntoTheRequestWithACourtTypeDropDown()
    {
        var kind = JusticeReturnFiles.Service.Get("trials")!;
        using var stream = new MemoryStream();
        kind.Workbook(Areas.WestYorkshire, Period.Parse(HalfYear)).Write(stream);

        using (var book = new XLWorkbook(stream))
        {
            var sheet = book.Worksheet(XlsxTable.SheetName);
            var courtType = Letter(kind, JusticeReturnFiles.CourtTypeColumn);
            Assert.Contains(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.List && v.Ranges.Any(r => $"{r.RangeAddress}".StartsWith($"{courtType}2:", StringComparison.Ordinal)));
            foreach (var row in new[] { 2, 3 })
            {
                // Listed is the sum of the four outcomes.
                sheet.Cell(row, Column(kind, JusticeReturnFiles.Listed)).SetValue(10);
                foreach (var outcome in new[] { JusticeReturnFiles.Effective, JusticeReturnFiles.Cracked, JusticeReturnFiles.Ineffective })
                {
                    sheet.Cell(row, Column(kind, outcome)).SetValue(2);
                }

                sheet.Cell(row, Column(kind, JusticeReturnFiles.Vacated)).SetValue(4);
            }

            stream.SetLength(0);
            book.SaveAs(stream);
        }

        stream.Position = 0;
        var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
        var rows = XlsxTable.Read(stream, kind.Columns, problems, warnings, out _);

        Assert.Empty(problems);
        Assert.Equal(2, rows!.Count);
        Assert.NotNull(kind.Read(rows));
    }

    private static int Column(TypedReturnFile kind, string name) => kind.Columns.Template.ToList().IndexOf(name) + 1;

    private static string Letter(TypedReturnFile kind, string name) => XLHelper.GetColumnLetterFromNumber(Column(kind, name));
}
