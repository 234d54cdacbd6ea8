using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Playwright;
using Partnership.Returns;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>The partner portal in Chromium: a CSP signs in on the local host and uploads its return as a workbook.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortalUploadTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Upload = "/portal/crime-measures/upload";

    private static readonly int ValueColumn = Column(ReturnColumns.Value);

    private PortalBrowser? _browser;

    public async Task InitializeAsync() => _browser = await PortalBrowser.LaunchAsync(host.HttpAddress);

    public Task DisposeAsync() => _browser?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task Upload_WorkbookWithErrors_ShowsSheetCellAndMessageAndStoresNothing()
    {
        var page = await SignedInAsync();
        var workbook = Workbook(("crime.total_recorded", "lots"));
        using var copy = new MemoryStream(workbook);
        var expected = new XlsxReturnReader().Read(copy).Problems.Single();

        await UploadAsync(page, "bradford.xlsx", workbook);

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal($"Return!{(char)('A' + ValueColumn - 1)}2", await problem.Locator("td").Nth(0).InnerTextAsync());
        Assert.Equal(ReturnColumns.Value, await problem.Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal(expected.Message, await problem.Locator("td").Nth(2).InnerTextAsync());
        Assert.Contains("Nothing was stored", await page.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ValidWorkbook_StoresARevisionTheReportShows()
    {
        var page = await SignedInAsync();

        await UploadAsync(page, "bradford.xlsx", Workbook(("crime.total_recorded", "12345")));

        Assert.Equal("2", await page.Locator("#revision").InnerTextAsync());
        var row = page.Locator($"tr[data-measure='crime.total_recorded'][data-area='{Bradford}'] td[data-cell='current']");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string shown;
        do
        {
            // The figure reaches the report through the outbox and the aggregator: wait for it, not for a while.
            await page.GotoAsync($"{host.HttpAddress}/?period=FY2024/25-Q4&view=partner");
            shown = (await row.InnerTextAsync()).Trim();
        }
        while (shown != "12,345" && DateTime.UtcNow < deadline);

        Assert.Equal("12,345", shown);
    }

    [Fact]
    public async Task Upload_PostWithoutTheAntiforgeryToken_IsRefused()
    {
        var page = await SignedInAsync();
        var form = page.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "bradford.xlsx", MimeType = "application/octet-stream", Buffer = Workbook(("crime.total_recorded", "1")) });

        var post = await page.APIRequest.PostAsync($"{host.HttpAddress}{Upload}", new APIRequestContextOptions { Multipart = form, MaxRedirects = 0 });

        Assert.Equal(400, post.Status);
    }

    private async Task<IPage> SignedInAsync()
    {
        // A CSP's analyst submits for the district and reads the force's partner view, where the upload shows.
        var page = await _browser!.SignedInAsync("Bradford CSP", $"{Bradford},{WestYorkshire}", Roles.CspSubmitter, Roles.PartnerReader);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "upload a return" }).First.ClickAsync();
        await page.WaitForURLAsync($"{host.HttpAddress}{Upload}");
        return page;
    }

    private static async Task UploadAsync(IPage page, string name, byte[] workbook)
    {
        await page.GetByLabel("Area").SelectOptionAsync(Bradford);
        await PortalBrowser.UploadAsync(page, new FilePayload
        {
            Name = name,
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook,
        });
    }

    private static int Column(string name) => ReturnColumns.Template.ToList().IndexOf(name) + 1;

    /// <summary>A return as a partner's Excel would save it: the header on row 1, a figure typed as the partner typed it.</summary>
    private static byte[] Workbook(params (string Measure, string Value)[] rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("Return");
        var header = ReturnColumns.Template;
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            sheet.Cell(r + 2, Column(ReturnColumns.Measure)).SetValue(rows[r].Measure);
            sheet.Cell(r + 2, Column(ReturnColumns.Area)).SetValue(Bradford);
            sheet.Cell(r + 2, Column(ReturnColumns.Period)).SetValue("FY2024/25-Q4");
            if (decimal.TryParse(rows[r].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                sheet.Cell(r + 2, ValueColumn).SetValue(number);
            }
            else
            {
                sheet.Cell(r + 2, ValueColumn).SetValue(rows[r].Value);
            }
        }

        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}
