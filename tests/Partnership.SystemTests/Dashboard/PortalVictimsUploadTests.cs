using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Security;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// The partner portal in Chromium for victim services: a commissioned provider signs in, takes its
/// commission's template, and uploads its return for that commission.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortalVictimsUploadTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Service = "/portal/victim-services";
    private const string Commission = "wy-isva";

    // The local host's demo commissions wy-isva for the year after its returns, so its quarters have no return yet;
    // each test has its own, since the tests share a host.
    private static readonly Period Quarter = Period.Parse("FY2025/26-Q1");
    private static readonly Period RefusedQuarter = Period.Parse("FY2025/26-Q2");

    private PortalBrowser? _browser;

    public async Task InitializeAsync() => _browser = await PortalBrowser.LaunchAsync(host.HttpAddress);

    public Task DisposeAsync() => _browser?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task Upload_ProvidersValidReturn_IsStoredForTheCommissionAndInYourReturns()
    {
        var page = await SignedInAsync();

        await UploadAsync(page, Commission, ProviderReturn(Quarter, badValueOn: null));

        Assert.Equal(1, await page.Locator("#accepted").CountAsync());
        var revision = await page.Locator("#revision").InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Your returns" }).ClickAsync();
        await page.WaitForURLAsync($"{host.HttpAddress}{Service}/returns");
        var stored = page.Locator($"section[data-area='{WestYorkshire}'][data-period='{Quarter.Label}'][data-source='{Commission}']");
        Assert.Equal($"Revisions of {WestYorkshire} {Quarter.Label} ({Commission}), newest first", await stored.Locator("caption").InnerTextAsync());
        Assert.Equal(
            "Yorkshire ISVA Partnership (development sign-in: Yorkshire ISVA Partnership)",
            await stored.Locator($"tr[data-revision='{revision}'] [data-cell='by']").InnerTextAsync());
    }

    [Fact]
    public async Task Upload_ProvidersReturnWithABadCell_ShowsLineFieldAndTheCliMessageAndStoresNothing()
    {
        var page = await SignedInAsync();
        var csv = ProviderReturn(RefusedQuarter, badValueOn: "victims.referrals");
        var expected = new CsvReturnReader(MeasureCatalogue.Load()).Read(new StringReader(csv)).Problems.Single();

        await UploadAsync(page, Commission, csv);

        var problem = page.Locator("#problems tbody tr");
        Assert.Equal(1, await problem.CountAsync());
        Assert.Equal($"line {expected.Line.ToString(CultureInfo.InvariantCulture)}", await problem.Locator("td").Nth(0).InnerTextAsync());
        Assert.Equal(ReturnColumns.Value, await problem.Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal(expected.Message, await problem.Locator("td").Nth(2).InnerTextAsync());
        await page.GotoAsync($"{host.HttpAddress}{Service}/returns");
        Assert.Equal(0, await page.Locator($"section[data-source='{Commission}'][data-period='{RefusedQuarter.Label}']").CountAsync());
    }

    [Fact]
    public async Task Upload_ACommissionNotCommissioned_IsRefusedWithTheServicesMessage()
    {
        var page = await SignedInAsync();
        // The form lists only commissioned services; a post naming another is checked all the same.
        await page.Locator("select#source").EvaluateAsync("(list, id) => list.add(new Option(id, id))", "wy-nothing");

        await UploadAsync(page, "wy-nothing", ProviderReturn(RefusedQuarter, badValueOn: null));

        Assert.Equal(
            $"commission_id: no service 'wy-nothing' is commissioned for {WestYorkshire} in {RefusedQuarter.Label}; ListCommissionedServices lists those that are",
            await page.Locator("#problems tbody tr td").Nth(2).InnerTextAsync());
    }

    [Fact]
    public async Task Template_ForTheCommission_HasTheProvidersMeasures()
    {
        var page = await SignedInAsync();

        var template = await page.APIRequest.GetAsync($"{host.HttpAddress}{Service}/template.csv?source={Commission}");

        var expected = ReturnTemplate.FromCatalogue(MeasureCatalogue.Load(), "victim-services", bySource: true, Commission).Select(m => m.Id);
        var lines = (await template.TextAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', ReturnColumns.Template), lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task UploadPage_CommissionField_IsAListOfTheAreasCommissionsWithTheAreasOwnFirst()
    {
        var page = await SignedInAsync();

        var field = page.GetByLabel("Commissioned service", new PageGetByLabelOptions { Exact = true });

        Assert.Equal("SELECT", await field.EvaluateAsync<string>("e => e.tagName"));
        var values = await field.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal("", values[0]);
        Assert.Contains(Commission, values);
        Assert.StartsWith($"{Commission}: ", await field.Locator($"option[value='{Commission}']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(values, await page.GetByLabel("Commissioned service for the template").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await _browser!.SignedInAsync("Yorkshire ISVA Partnership", WestYorkshire, Roles.VictimsSubmitter);
        await page.GotoAsync($"{host.HttpAddress}{Service}/upload");
        return page;
    }

    private static async Task UploadAsync(IPage page, string commission, string csv)
    {
        await page.GetByLabel("Commissioned service", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(commission);
        await PortalBrowser.UploadAsync(page, PortalBrowser.Csv("isva.csv", csv));
    }

    /// <summary>
    /// The provider's template for the quarter, filled in as a provider would: 10 of everything, the
    /// referrals their four sources' total, and 5 of 10 for a ratio; one measure's figure mistyped if asked.
    /// </summary>
    private static string ProviderReturn(Period quarter, string? badValueOn)
    {
        var catalogue = MeasureCatalogue.Load();
        var template = new ReturnTemplate(ReturnTemplate.FromCatalogue(catalogue, "victim-services", bySource: true, Commission), WestYorkshire, quarter);
        var csv = new StringBuilder(string.Join(',', ReturnColumns.Template)).Append('\n');
        foreach (var row in template.Rows)
        {
            var fields = row.ToArray();
            var ratio = catalogue.TryGet(fields[0], out var measure) && measure.Kind == FigureKind.Ratio;
            (fields[3], fields[4], fields[5]) = fields[0] == badValueOn ? ("forty", "", "")
                : ratio ? ("", "5", "10")
                : (fields[0] == "victims.referrals" ? "40" : "10", "", "");
            csv.AppendJoin(',', fields).Append('\n');
        }

        return csv.ToString();
    }
}
