using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Partnership.Domain;
using Partnership.LocalHost;
using Partnership.Security;
using Partnership.SystemTests.EndToEnd;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// Editions drafted, commented on, signed off, published and corrected in Chromium through the
/// dashboard's development sign-in. Each test has a quarter of the demo series to itself, since they
/// share one local host; a revision is a district's return resubmitted through the CLI.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed partial class EditionPagesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private SignInBrowser? _browser;

    public async Task InitializeAsync() => _browser = await SignInBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task Edition_DraftCommentSignOff_PublicDashboardShowsIt()
    {
        // The demo publishes its last quarter; the quarter before has no edition until this one.
        const string quarter = "FY2024/25-Q3";
        var publicPage = $"{host.HttpAddress}/?area={WestYorkshire}&period={quarter}";
        var page = await _browser!.Context.NewPageAsync();
        var before = await page.GotoAsync(publicPage);
        Assert.Equal(404, before!.Status);

        await page.GotoAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.OpccEditor, Roles.OpccApprover, Roles.PartnerReader);
        await page.WaitForURLAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");

        await page.GetByLabel("Period").FillAsync(quarter);
        await page.GetByLabel("Title").FillAsync("Delivery Quarterly Report, Q3 2024/25");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(EditionPage());
        var id = EditionPage().Match(page.Url).Groups[1].Value;
        Assert.Equal("DRAFT: not published, figures may change", await page.Locator("#state").InnerTextAsync());

        var commentary = page.Locator("div.comment[data-kind='measure'][data-key='crime.total_recorded']").First;
        await commentary.Locator("textarea").FillAsync("Recorded crime stood at {crime.total_recorded.current}.");
        await commentary.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();
        var rendered = $"Recorded crime stood at {DashboardTests.Thousands(DashboardTests.DemoCountyTotal(Period.Parse(quarter)))}.";
        await Assertions.Expect(page.Locator("div.comment[data-kind='measure'][data-key='crime.total_recorded'] p.rendered").First).ToHaveTextAsync(rendered);

        // An empty embargo is now: the edition is published as it is signed off.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        Assert.Equal(0, await page.Locator("#problem").CountAsync());

        var after = await page.GotoAsync(publicPage);
        Assert.Equal(200, after!.Status);
        Assert.Contains($"public view: edition {id} \"Delivery Quarterly Report, Q3 2024/25\", published ", await page.Locator("header p.sub").InnerTextAsync(), StringComparison.Ordinal);
        var note = await page.Locator($"tr[data-measure='crime.total_recorded'][data-area='{WestYorkshire}'] td.note").InnerTextAsync();
        Assert.StartsWith(rendered, note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshFigures_DraftAfterARevision_CommentaryRendersTheRevisedFigure()
    {
        const string quarter = "FY2024/25-Q2";
        var page = await SignInAsync();
        await CreateDraftAsync(page, quarter);
        await CommentAsync(page, Citing);
        var (before, after) = await ReviseLeedsAsync(quarter);

        // The draft keeps the figures it was made from until refreshed; the commentary says it cites a moved one.
        await ReloadUntilAsync(page, page.Locator($"{Commentary} ul.stale li"), $"Stale: {{{Cited}}} was {Thousands(before)}, now {Thousands(after)}");
        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveTextAsync(Rendered(before));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Refresh figures" }).ClickAsync();

        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveTextAsync(Rendered(after));
        Assert.Equal("DRAFT: not published, figures may change", await page.Locator("#state").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#problem").CountAsync());
        await Assertions.Expect(page.Locator("#audit tr[data-action='edited'] td.detail").Last).ToHaveTextAsync("figures");
    }

    [Fact]
    public async Task SignOff_StaleCommentary_RefusedThenSignedOffWithTheOverrideInTheAudit()
    {
        const string quarter = "FY2024/25-Q1";
        var page = await SignInAsync();
        var id = await CreateDraftAsync(page, quarter);
        await CommentAsync(page, Citing);
        var (before, after) = await ReviseLeedsAsync(quarter);
        await ReloadUntilAsync(page, page.Locator($"{Commentary} ul.stale li"), $"Stale: {{{Cited}}} was {Thousands(before)}, now {Thousands(after)}");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problem")).ToHaveTextAsync(
            $"Edition {id} has stale commentary: measure {TotalCrime} cites {{{Cited}}} as {Thousands(before)}, now {Thousands(after)}. Rewrite it, or sign off with an override giving the reason.");
        Assert.Equal("DRAFT: not published, figures may change", await page.Locator("#state").InnerTextAsync());

        await page.GetByLabel("Stale commentary override (why it stands)").FillAsync("Leeds resubmitted after the Panel's deadline");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();

        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        Assert.Equal(0, await page.Locator("#problem").CountAsync());
        // Signed off with the figures the draft was made from, which the commentary cites.
        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveTextAsync(Rendered(before));
        await Assertions.Expect(page.Locator("#audit tr[data-action='signed off'] td.detail")).ToHaveTextAsync(
            new Regex($@"^embargo \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ; stale commentary overridden \({Regex.Escape(TotalCrime)}\): Leeds resubmitted after the Panel's deadline$"));
    }

    [Fact]
    public async Task PublishNow_SignedOffWithALaterEmbargo_PublishedAndOnThePublicDashboard()
    {
        const string quarter = "FY2023/24-Q4";
        var publicPage = $"{host.HttpAddress}/?area={WestYorkshire}&period={quarter}";
        var page = await SignInAsync();
        var id = await CreateDraftAsync(page, quarter);

        await page.GetByLabel("Embargo (UTC; empty: now)").FillAsync("2099-01-28T09:30");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync($"SIGNED OFF by {Approver}, embargoed until 2099-01-28 09:30 UTC");
        var embargoed = await page.Context.NewPageAsync();
        Assert.Equal(404, (await embargoed.GotoAsync(publicPage))!.Status);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Publish now" }).ClickAsync();

        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        Assert.Equal(0, await page.Locator("#problem").CountAsync());
        await Assertions.Expect(page.Locator("#audit tr[data-action='published'] td.detail")).ToHaveTextAsync("published by the approver before its embargo 2099-01-28T09:30:00Z");
        Assert.Equal(200, (await embargoed.GotoAsync(publicPage))!.Status);
        Assert.Contains($"public view: edition {id} \"{Title}\", published ", await embargoed.Locator("header p.sub").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueCorrectedVersion_PublishedEditionRevised_BothVersionsReadable()
    {
        const string quarter = "FY2023/24-Q3";
        var page = await SignInAsync();
        var id = await CreateDraftAsync(page, quarter);
        await CommentAsync(page, Citing);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        var (before, after) = await ReviseLeedsAsync(quarter);

        await ReloadUntilAsync(page, page.Locator("#revised li").Filter(new() { HasText = $"{TotalCrimeName}, West Yorkshire, {quarter}: " }), $"{TotalCrimeName}, West Yorkshire, {quarter}: {Thousands(before)} → {Thousands(after)}");
        await page.GetByLabel("Reason").FillAsync("Leeds resubmitted");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Issue corrected version" }).ClickAsync();

        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 2");
        Assert.Equal(0, await page.Locator("#problem").CountAsync());
        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveTextAsync(Rendered(after));
        await Assertions.Expect(page.Locator("#versions li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#versions li[data-version='2'] strong")).ToHaveTextAsync(new Regex($@"^Version 2, issued \d{{4}}-\d\d-\d\d \d\d:\d\d UTC by {Regex.Escape(Approver)}: Leeds resubmitted$"));
        await Assertions.Expect(page.Locator("#audit tr[data-action='corrected'] td.detail")).ToHaveTextAsync(new Regex(@"^version 2, \d+ figure\(s\) revised: Leeds resubmitted$"));

        await page.Locator("#versions li[data-version='1'] a").ClickAsync();
        await page.WaitForURLAsync($"{host.HttpAddress}/editions/{id}?version=1");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("PUBLISHED version 1");
        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveTextAsync(Rendered(before));
    }

    private const string Title = "Delivery Quarterly Report";
    private const string Approver = "West Yorkshire OPCC / development sign-in: West Yorkshire OPCC";
    private const string TotalCrime = "crime.total_recorded";
    private const string TotalCrimeName = "Total recorded crime";
    private const string Cited = $"{TotalCrime}.current";
    private const string Citing = $"Recorded crime stood at {{{Cited}}}.";
    private const string Commentary = $"div.comment[data-kind='measure'][data-key='{TotalCrime}']";

    private static string Rendered(decimal total) => $"Recorded crime stood at {Thousands(total)}.";

    private static string Thousands(decimal value) => DashboardTests.Thousands(value);

    /// <summary>A fresh page signed in as the force's OPCC, on the force's editions.</summary>
    private async Task<IPage> SignInAsync()
    {
        var page = await _browser!.Context.NewPageAsync();
        await page.GotoAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");
        await SignInBrowser.DevelopmentSignInAsync(page, "West Yorkshire OPCC", WestYorkshire, Roles.OpccEditor, Roles.OpccApprover, Roles.PartnerReader);
        await page.WaitForURLAsync($"{host.HttpAddress}/editions?area={WestYorkshire}");
        return page;
    }

    private async Task<string> CreateDraftAsync(IPage page, string quarter)
    {
        await page.GetByLabel("Period").FillAsync(quarter);
        await page.GetByLabel("Title").FillAsync(Title);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(EditionPage());
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("DRAFT: not published, figures may change");
        return EditionPage().Match(page.Url).Groups[1].Value;
    }

    private static async Task CommentAsync(IPage page, string text)
    {
        var commentary = page.Locator(Commentary);
        await commentary.Locator("textarea").FillAsync(text);
        await commentary.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator($"{Commentary} p.rendered")).ToHaveCountAsync(1);
    }

    /// <summary>Leeds resubmits the quarter with 1,000 more crimes: the county's total before and after.</summary>
    private async Task<(decimal Before, decimal After)> ReviseLeedsAsync(string quarter)
    {
        var period = Period.Parse(quarter);
        var leeds = DemoData.CrimeReturns(Geography.Load()).Single(r => r.Period == period && r.AreaCode == Leeds)
            .Observations.Single(o => o.MeasureId == TotalCrime).Figure.Value!.Value;
        using var file = new CsvFile($"""
            measure,area,period,value,numerator,denominator,status,note
            {TotalCrime},{Leeds},{quarter},{leeds + 1_000},,,final,
            """);
        var submit = await host.Exchange.CliAsync("submit", file.Path);
        Assert.True(submit.ExitCode == 0, submit.Output);
        var before = DashboardTests.DemoCountyTotal(period);
        return (before, before + 1_000);
    }

    /// <summary>Reloads the page until the locator shows the text: the aggregator takes the revision in after the CLI returns.</summary>
    private static Task ReloadUntilAsync(IPage page, ILocator locator, string text) =>
        Eventually.WaitForAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await locator.CountAsync() == 1 ? await locator.InnerTextAsync() : null;
            },
            shown => shown == text,
            TimeSpan.FromMinutes(2),
            $"the page to show '{text}'");

    [GeneratedRegex(@"/editions/(\d+)$")]
    private static partial Regex EditionPage();
}
