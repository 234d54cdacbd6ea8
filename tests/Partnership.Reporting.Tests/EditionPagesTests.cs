using System.Net;
using System.Text.RegularExpressions;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Security;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>The edition pages through a browser's session from the development sign-in, driven as a browser would.</summary>
public sealed partial class EditionPagesTests : IAsyncLifetime
{
    private readonly TestStore _store = TestStore.Sqlite();
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    public async Task InitializeAsync() =>
        _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, _store, b => b.Configuration["Auth:Browser:DevelopmentSignIn"] = "true");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store.Dispose();
    }

    [Fact]
    public async Task CreateDraft_PostWithoutTheAntiforgeryToken_RefusedAndNothingCreated()
    {
        await SubmitQuarterAsync("FY2024/25-Q3");
        var browser = await Session.SignInAsync(Host, "West Yorkshire OPCC", WestYorkshire, Roles.OpccEditor, Roles.PartnerReader);
        var token = await TokenAsync(await browser.GetAsync($"/editions?area={WestYorkshire}"));

        var forged = await browser.PostAsync($"/editions?area={WestYorkshire}", new() { ["period"] = "FY2024/25-Q3", ["title"] = "forged" });
        var listed = await browser.GetAsync($"/editions?area={WestYorkshire}");
        var genuine = await browser.PostAsync($"/editions?area={WestYorkshire}", new() { ["period"] = "FY2024/25-Q3", ["title"] = "Q3 report", [TokenField] = token });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<p id=\"no-editions\">West Yorkshire has no edition you may see yet.</p>", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The page's own form, token and all, makes the draft: the refusal was the token's.
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal("/editions/1", genuine.Headers.Location?.OriginalString);
        var draft = await (await browser.GetAsync("/editions/1")).Content.ReadAsStringAsync();
        Assert.Contains("<p id=\"state\" class=\"state draft\">DRAFT: not published, figures may change</p>", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDraft_ReaderWithoutTheEditorRole_PageSaysWhy()
    {
        var browser = await Session.SignInAsync(Host, "Bradford CSP", WestYorkshire, Roles.PartnerReader);
        var token = await TokenAsync(await browser.GetAsync($"/editions?area={WestYorkshire}"));

        var refused = await browser.PostAsync($"/editions?area={WestYorkshire}", new() { ["period"] = "FY2024/25-Q3", ["title"] = "Q3 report", [TokenField] = token });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html; charset=utf-8", refused.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            $"This needs the '{Roles.OpccEditor}' role, which this token does not hold.",
            WebUtility.HtmlDecode(ProblemText().Match(await refused.Content.ReadAsStringAsync()).Groups[1].Value));
    }

    private const string TokenField = "__RequestVerificationToken";

    private static async Task<string> TokenAsync(HttpResponseMessage page)
    {
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return TokenInput().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    private async Task SubmitQuarterAsync(string period)
    {
        string[] districts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];
        foreach (var district in districts)
        {
            var request = new SubmitReturnRequest { AreaCode = district, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = district + " CSP" };
            request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = 1_000, SourceLine = 2 });
            await Host.Crime.SubmitReturnAsync(request);
        }

        await Eventually.WaitForAsync(
            () => new Contracts.Reporting.V1.Reporting.ReportingClient(Host.Channel).ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse(period).ToContract() }).ResponseAsync,
            r => districts.All(d => r.Returns.Any(x => x.AreaCode == d)),
            what: $"the aggregator to receive {period}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<p id=\"problem\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ProblemText();

    /// <summary>A browser's cookies over the test server, which neither keeps cookies nor follows redirects.</summary>
    private sealed class Session(HttpClient http)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public static async Task<Session> SignInAsync(ExchangeHost host, string agency, string areas, params string[] roles)
        {
            var session = new Session(host.CreateHttpClient());
            var token = await TokenAsync(await session.GetAsync("/signin"));
            var form = new List<KeyValuePair<string, string>> { new("agency", agency), new("areas", areas), new("returnUrl", "/"), new(TokenField, token) };
            form.AddRange(roles.Select(r => new KeyValuePair<string, string>("roles", r)));
            var signedIn = await session.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signin") { Content = new FormUrlEncodedContent(form) });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            return session;
        }

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            request.Headers.Accept.ParseAdd("text/html");
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await http.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }
}
