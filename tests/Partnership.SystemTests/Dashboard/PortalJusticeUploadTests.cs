using ClosedXML.Excel;
using Microsoft.Playwright;
using Partnership.Returns;
using Partnership.Returns.Typed;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>The partner portal in Chromium for the justice board: the LCJB uploads a typed return, read as the CLI reads it.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortalJusticeUploadTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Service = "/portal/justice-board";
    private const string Header = "court_type,force_area,period,listed,effective,cracked,ineffective,vacated";

    private PortalBrowser? _browser;

    public async Task InitializeAsync() => _browser = await PortalBrowser.LaunchAsync(host.HttpAddress);

    public Task DisposeAsync() => _browser?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task Upload_ValidTrialsReturn_IsStoredAndInYourReturns()
    {
        var page = await SignedInAsync();

        await UploadAsync(page, "trials", $"""
            {Header}
            crown,{WestYorkshire},FY2025/26-H1,100,40,30,20,10
            magistrates,{WestYorkshire},FY2025/26-H1,300,100,100,60,40
            """);

        Assert.StartsWith("Stored trials.csv as a trial effectiveness return, 1 return.", await page.Locator("#accepted p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#accepted .revision").InnerTextAsync());
        await page.GotoAsync($"{host.HttpAddress}{Service}/returns");
        Assert.Equal(1, await page.Locator($"section[data-area='{WestYorkshire}'][data-period='FY2025/26-H1']").CountAsync());
    }

    [Fact]
    public async Task Upload_TrialsReturnWithABadCell_ShowsLineFieldAndTheCliMessage()
    {
        var page = await SignedInAsync();
        var csv = $"""
            {Header}
            crown,{WestYorkshire},FY2025/26-H2,100,40,30,20,10
            magistrates,{WestYorkshire},FY2025/26-H2,lots,100,100,60,40
            """;
        var expected = CliProblems("trials", csv).Single();

        await UploadAsync(page, "trials", csv);

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal("line 3", await problem.Locator("td").Nth(0).InnerTextAsync());
        Assert.Equal("listed", await problem.Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal(expected.Message, await problem.Locator("td").Nth(2).InnerTextAsync());
    }

    [Fact]
    public async Task Upload_OutcomesNotAddingUp_TheServicesRejectionNamesLineAndField()
    {
        var page = await SignedInAsync();

        await UploadAsync(page, "trials", $"""
            {Header}
            crown,{WestYorkshire},FY2025/26-H2,100,40,30,20,10
            magistrates,{WestYorkshire},FY2025/26-H2,300,100,100,50,40
            """);

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal("line 3", await problem.Locator("td").Nth(0).InnerTextAsync());
        Assert.Equal("listed", await problem.Locator("td").Nth(1).InnerTextAsync());
    }

    [Fact]
    public async Task Upload_ExcelTemplateFilledIn_IsStored()
    {
        var page = await SignedInAsync();
        var template = await ExcelTemplateAsync(page, "trials");

        await UploadFileAsync(page, "trials", "trials.xlsx", FillTrials(template, "FY2024/25-H1", listedOnMagistrates: 300));

        Assert.StartsWith("Stored trials.xlsx as a trial effectiveness return, 1 return.", await page.Locator("#accepted p").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ExcelTemplateWithABadCell_ShowsSheetCellAndField()
    {
        var page = await SignedInAsync();
        var template = await ExcelTemplateAsync(page, "trials");

        await UploadFileAsync(page, "trials", "trials.xlsx", FillTrials(template, "FY2024/25-H2", listedOnMagistrates: "lots"));

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal($"{XlsxTable.SheetName}!D3", await problem.Locator("td").Nth(0).InnerTextAsync());
        Assert.Equal("listed", await problem.Locator("td").Nth(1).InnerTextAsync());
    }

    [Fact]
    public async Task Upload_AWorkbookWithACsvName_IsNamedAsAWorkbook()
    {
        var page = await SignedInAsync();
        var template = await ExcelTemplateAsync(page, "trials");

        await UploadFileAsync(page, "trials", "trials.csv", template);

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal("this is an Excel workbook; save it as CSV UTF-8 or pass the .xlsx", await problem.Locator("td").Nth(2).InnerTextAsync());
    }

    /// <summary>The return's Excel template, downloaded from the upload page's link.</summary>
    private static async Task<byte[]> ExcelTemplateAsync(IPage page, string kind)
    {
        var title = JusticeReturnFiles.Service.Get(kind)!.Title;
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"{title}, Excel", Exact = true }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>The trials template filled in as a partner fills it in Excel: its two court types' rows, the outcomes adding up to those listed.</summary>
    private static byte[] FillTrials(byte[] template, string period, object listedOnMagistrates)
    {
        using var book = new XLWorkbook(new MemoryStream(template));
        var sheet = book.Worksheet(XlsxTable.SheetName);
        Assert.Equal(["crown", "magistrates"], new[] { sheet.Cell("A2").GetString(), sheet.Cell("A3").GetString() });
        Assert.Equal(WestYorkshire, sheet.Cell("B2").GetString());
        sheet.Range("C2:C3").SetValue(period);
        sheet.Cell("D2").SetValue(100);
        sheet.Range("E2:H2").SetValue(25);
        sheet.Cell("D3").Value = listedOnMagistrates;
        sheet.Range("E3:H3").SetValue(75);
        using var filled = new MemoryStream();
        book.SaveAs(filled);
        return filled.ToArray();
    }

    private static async Task UploadFileAsync(IPage page, string kind, string name, byte[] file)
    {
        await page.GetByLabel("Which return").SelectOptionAsync(kind);
        await PortalBrowser.UploadAsync(page, new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = file });
    }

    /// <summary>What the CLI's reader finds in the file, before anything is sent.</summary>
    private static List<CsvProblem> CliProblems(string kind, string csv)
    {
        var file = JusticeReturnFiles.Service.Get(kind)!;
        var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
        var rows = CsvTable.Read(new StringReader(csv), file.Columns, problems, warnings);
        Assert.Null(file.Read(rows!));
        return problems;
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await _browser!.SignedInAsync("West Yorkshire LCJB", WestYorkshire, Roles.LcjbSubmitter);
        await page.GotoAsync($"{host.HttpAddress}{Service}/upload");
        return page;
    }

    private static async Task UploadAsync(IPage page, string kind, string csv)
    {
        await page.GetByLabel("Which return").SelectOptionAsync(kind);
        await PortalBrowser.UploadAsync(page, PortalBrowser.Csv($"{kind}.csv", csv));
    }
}
