using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Security;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using Period = Partnership.Domain.Period;

namespace Partnership.Cli.Tests;

/// <summary>
/// The return calendar in <c>partnership status</c> and the chase list. West Yorkshire's crime measures
/// return for FY2024/25-Q3 (ends Tue 31 Dec 2024) is due 15 working days on, New Year's Day skipped:
/// Wed 22 Jan 2025. Q4 (ends Mon 31 Mar 2025) is due Wed 23 Apr 2025, over Good Friday and Easter Monday.
/// </summary>
public abstract partial class ReturnCalendarCliTests : IAsyncLifetime
{
    private const string Q3 = "FY2024/25-Q3";

    // The server's clock stamps each revision when it is received.
    private readonly ManualClock _server = new(new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero));
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    protected abstract TestStore NewStore();

    public async Task InitializeAsync() =>
        _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, new ExchangeOptions
        {
            Store = NewStore(),
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(_server),
        });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task SubmitAsync(string area, string period, DateTimeOffset at, decimal value = 100)
    {
        _server.Now = at;
        var request = new SubmitReturnRequest { AreaCode = area, Period = Period.Parse(period).ToContract() };
        request.Observations.Add(new Contracts.Common.V1.ObservationInput { MeasureId = "crime.total_recorded", Value = value, SourceLine = 2 });
        await Host.Crime.SubmitReturnAsync(request);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(DateTimeOffset now, params string[] args)
    {
        using var handler = Host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var options = new CliOptions
        {
            ChannelFactory = CliOptions.ForHandler(handler).ChannelFactory,
            Clock = new ManualClock(now),
        };
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, options);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Bradford in on time; Calderdale two working days late (Thu 23 and Fri 24 Jan); the rest not in.</summary>
    private async Task SubmitQ3Async()
    {
        await SubmitAsync(Bradford, Q3, new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await SubmitAsync(Calderdale, Q3, new DateTimeOffset(2025, 1, 24, 10, 0, 0, TimeSpan.Zero));
        // A correction after the due date leaves an on-time return on time.
        await SubmitAsync(Bradford, Q3, new DateTimeOffset(2025, 1, 27, 9, 0, 0, TimeSpan.Zero), value: 101);
        // The aggregator applies returns as their events arrive: wait until it holds both, so the
        // "reached aggregator" column is the same on every run.
        await Eventually.WaitForAsync(
            async () => (await Host.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = Period.Parse(Q3).ToContract() })).Returns,
            returns => returns.Any(r => r.AreaCode == Bradford && r.Revision == 2) && returns.Any(r => r.AreaCode == Calderdale && r.Revision == 1),
            TimeSpan.FromSeconds(30),
            "Bradford's revision 2 and Calderdale's revision 1 at the aggregator");
    }

    private static readonly DateTimeOffset Monday27January = new(2025, 1, 27, 12, 0, 0, TimeSpan.Zero);

    private static string[] Cells(string output, string area) =>
        [.. SpacedCells().Split(output.Split('\n').Single(l => l.Contains(area, StringComparison.Ordinal)).Trim())];

    [Fact]
    public async Task Status_Quarter_ShowsDueDateAndLateness()
    {
        await SubmitQ3Async();

        var status = await RunAsync(Monday27January, "status", "--area", WestYorkshire, "--period", Q3);

        Assert.True(status.Exit == ExitCodes.Success, status.Error);
        Assert.Equal(["crime-measures", "Bradford (E08000032)", "revision 2", "2025-01-27 09:00", "Test harness", "2025-01-22", "received", "yes"], Cells(status.Out, "Bradford"));
        Assert.Equal(["crime-measures", "Calderdale (E08000033)", "revision 1", "2025-01-24 10:00", "Test harness", "2025-01-22", "received late (2 working days)", "yes"], Cells(status.Out, "Calderdale"));
        Assert.Equal(["crime-measures", "Leeds (E08000035)", "not received", "2025-01-22", "overdue (3 working days)"], Cells(status.Out, "Leeds"));
        Assert.Contains("Against the return calendar: 1 on time, 1 late, 0 due, 4 overdue, 0 missing.", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusChase_Quarter_WritesOverdueReturnsAsCsv()
    {
        await SubmitQ3Async();

        var chase = await RunAsync(Monday27January, "status", "--area", WestYorkshire, "--period", Q3, "--chase");

        Assert.True(chase.Exit == ExitCodes.Success, chase.Error);
        Assert.Equal(ExpectedChaseCsv, chase.Out.ReplaceLineEndings("\n"));
    }

    private const string ExpectedChaseCsv = """
        area_code,area_name,service,source,period,due_date,state,working_days_overdue
        E08000034,Kirklees,crime-measures,,FY2024/25-Q3,2025-01-22,overdue,3
        E08000035,Leeds,crime-measures,,FY2024/25-Q3,2025-01-22,overdue,3
        E08000036,Wakefield,crime-measures,,FY2024/25-Q3,2025-01-22,overdue,3
        E23000010,West Yorkshire,crime-measures,,FY2024/25-Q3,2025-01-22,overdue,3

        """;

    [Fact]
    public async Task ChaseEndpoint_OpccEditorOfTheForce_GetsTheSameCsv()
    {
        await SubmitQ3Async();
        _server.Now = Monday27January;
        using var http = Host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/status/chase.csv?area={WestYorkshire}&period={Q3}");
        request.Headers.Add("Authorization", TestTokens.Bearer(TestTokens.For("West Yorkshire OPCC", [WestYorkshire], [Roles.OpccEditor])));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ExpectedChaseCsv, (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(Roles.PartnerReader, WestYorkshire)]
    [InlineData(Roles.OpccEditor, WestMercia)]
    public async Task ChaseEndpoint_WithoutTheRoleOrTheForce_IsForbidden(string role, string area)
    {
        using var http = Host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/status/chase.csv?area={WestYorkshire}&period={Q3}");
        request.Headers.Add("Authorization", TestTokens.Bearer(TestTokens.For("Someone", [area], [role])));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// Every quarter of FY2024/25 in for every area, except Leeds's Q4, two working days late (Thu 24
    /// and Fri 25 Apr), and Wakefield's Q4, not in. Before the calendar this reported every return of
    /// the year "missing", since nobody sends a return for the whole year.
    /// </summary>
    [Fact]
    public async Task Status_FinancialYear_ShowsEachQuarterAndWhetherTheYearIsComplete()
    {
        var sent = new Dictionary<int, DateTimeOffset>
        {
            [1] = new(2024, 7, 5, 9, 0, 0, TimeSpan.Zero),
            [2] = new(2024, 10, 4, 9, 0, 0, TimeSpan.Zero),
            [3] = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero),
            [4] = new(2025, 4, 4, 9, 0, 0, TimeSpan.Zero),
        };
        foreach (var area in new[] { Bradford, Calderdale, Kirklees, Leeds, Wakefield, WestYorkshire })
        {
            foreach (var (quarter, at) in sent)
            {
                if (quarter == 4 && area == Wakefield)
                {
                    continue;
                }

                await SubmitAsync(area, $"FY2024/25-Q{quarter}", quarter == 4 && area == Leeds ? new DateTimeOffset(2025, 4, 25, 9, 0, 0, TimeSpan.Zero) : at);
            }
        }

        var status = await RunAsync(new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero), "status", "--area", WestYorkshire, "--period", "FY2024/25");

        Assert.True(status.Exit == ExitCodes.Success, status.Error);
        Assert.Contains("Returns for West Yorkshire (E23000010), FY2024/25, by quarter", status.Out, StringComparison.Ordinal);
        Assert.Equal(["service", "area", "Q1", "Q2", "Q3", "Q4", "year"], Cells(status.Out, "service"));
        Assert.Equal(["crime-measures", "Bradford (E08000032)", "received", "received", "received", "received", "complete"], Cells(status.Out, "Bradford"));
        Assert.Equal(["crime-measures", "Leeds (E08000035)", "received", "received", "received", "received late (2 working days)", "complete"], Cells(status.Out, "Leeds"));
        // Due 23 Apr; 2 Jun is 26 working days on (5 in April, 20 in May less its bank holidays on the 5th and 26th, 1 in June).
        Assert.Equal(["crime-measures", "Wakefield (E08000036)", "received", "received", "received", "overdue (26 working days)", "3 of 4 quarters"], Cells(status.Out, "Wakefield"));
        Assert.Contains("5 of 6 returns complete for FY2024/25: every quarter received.", status.Out, StringComparison.Ordinal);
        Assert.Contains("Against the return calendar: 22 on time, 1 late, 0 due, 1 overdue, 0 missing.", status.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex SpacedCells();
}

public sealed class ReturnCalendarCliTestsOnSqlite : ReturnCalendarCliTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class ReturnCalendarCliTestsOnPostgres(PostgresFixture postgres) : ReturnCalendarCliTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
