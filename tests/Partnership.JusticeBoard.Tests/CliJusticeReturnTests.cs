using Partnership.Cli;
using Partnership.Returns;
using Partnership.Testing;
using static Partnership.Testing.Areas;

namespace Partnership.JusticeBoard.Tests;

/// <summary>The board's returns as CSV files through the partner CLI, read back in the county report it prints.</summary>
public sealed class CliJusticeReturnTests : IDisposable
{
    private const string BacklogHeader = "court,snapshot_date,under_13_weeks,weeks_13_to_26,weeks_26_to_52,over_52_weeks,total,flow_period,receipts,disposals";
    private readonly TempDirectory _directory = new("partnership-justice-cli-");

    public void Dispose() => _directory.Dispose();

    private string Write(string csv)
    {
        var path = _directory.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(ExchangeHost host, params string[] args)
    {
        using var handler = host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString(), error.ToString());
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadReport(string csv)
    {
        var records = CsvRecordReader.Read(new StringReader(csv));
        var header = records[0].Fields;
        return records.Skip(1).ToDictionary(
            r => r.Fields[0],
            r => (IReadOnlyList<string>)[.. header.Select((h, i) => $"{h}={r.Fields[i]}")],
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task SubmitBacklogCsv_ThenReport_ShowsBacklogOver52WeeksAndForwardLoad()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        // H1 2024/25 is 183 days: 1,830 + 915 disposals are 105 a week across the two Crown Courts.
        var file = Write($"""
            {BacklogHeader},status,note
            WY-CC-LEEDS,2024-09-30,"1,200",800,600,400,"3,000",FY2024/25-H1,"1,900","1,830",final,
            WY-CC-BRADFORD,2024-09-30,700,500,300,100,"1,600",FY2024/25-H1,950,915,,
            WY-MC-LEEDS,2024-09-30,"3,000",900,200,40,"4,140",FY2024/25-H1,"9,000","9,150",provisional,Listing system migration
            """);

        var submitted = await RunAsync(host, "submit", file, "--service", "justice", "--return", "court-backlog", "--agency", "West Yorkshire LCJB");

        Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);
        Assert.Contains("Read 3 rows of a court backlog return", submitted.Out, StringComparison.Ordinal);
        Assert.Contains("(court-backlog/WY-CC-BRADFORD), revision 1", submitted.Out, StringComparison.Ordinal);

        var report = await Eventually.WaitForAsync(
            () => RunAsync(host, "report", "--area", WestYorkshire, "--period", "FY2024/25-Q2", "--format", "csv"),
            r => ReadReport(r.Out) is var rows && rows.TryGetValue("cjs.crown_outstanding", out var row) && row.Contains("county_value=4600")
                && rows.ContainsKey("cjs.magistrates_outstanding"),
            what: "the three courts' backlog in the county report");
        var rows = ReadReport(report.Out);
        Assert.Contains("county_value=500", rows["cjs.crown_outstanding_over_52w"]);
        Assert.Contains("county_value=4140", rows["cjs.magistrates_outstanding"]);
        Assert.Contains("county_value=2745", rows["cjs.crown_disposals"]);
        // 4,600 outstanding at 105 disposals a week: 43.8 weeks, the county's caseload over the county's rate.
        var load = rows["cjs.crown_forward_load"];
        Assert.Contains("county_value=43.80952381", load);
        Assert.Contains("numerator=4600", load);
        Assert.Contains("denominator=105", load);
    }

    [Fact]
    public async Task Template_CourtBacklog_ListsTheForcesCourtsWithTheDates()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var template = await RunAsync(host, "template", "--service", "justice", "--return", "court-backlog", "--area", WestYorkshire, "--period", "FY2024/25-H1");

        Assert.True(template.Exit == ExitCodes.Success, template.Error);
        var records = CsvRecordReader.Read(new StringReader(template.Out));
        Assert.Equal($"{BacklogHeader},status,note", string.Join(",", records[0].Fields));
        Assert.Equal(7, records.Count - 1);
        Assert.Contains(records, r => r.Fields is ["WY-CC-LEEDS", "2024-09-30", "", "", "", "", "", "FY2024/25-H1", ..]);
    }

    [Theory]
    [InlineData("trials", "court_type,force_area,period,listed,effective,cracked,ineffective,vacated,status,note")]
    [InlineData("case-progression", "court_type,force_area,period,first_hearings,early_guilty_pleas,completed_cases,total_days_charge_to_completion,status,note")]
    [InlineData("reoffending", "age_group,force_area,period,cohort_size,reoffenders,status,note")]
    [InlineData("first-time-entrants", "age_group,force_area,period,count,status,note")]
    [InlineData("victims-code", "measure_code,force_area,period,data_source,numerator,denominator,status,note")]
    public async Task Template_EachJusticeReturn_HasItsOwnColumns(string kind, string header)
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var template = await RunAsync(host, "template", "--service", "justice", "--return", kind, "--area", WestYorkshire, "--period", "FY2024/25-H1");

        Assert.True(template.Exit == ExitCodes.Success, template.Error);
        Assert.Equal(header, string.Join(",", CsvRecordReader.Read(new StringReader(template.Out))[0].Fields));
    }

    [Fact]
    public async Task SubmitBacklogCsv_UnreadableRows_ListsEveryProblemByLineAndColumnAndSendsNothing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var file = Write($"""
            {BacklogHeader}
            WY-CC-LEEDS,2024-09-30,1200,800 Q3 only,600,400,3000,FY2024/25-H1,1900,1830
            WY-CC-BRADFORD,30 Sept 2024,700,500,300,100,1600,FY2024/25-H1,950,
            WY-MC-LEEDS,2024-10-31,3000,900,200,40,4140,FY2024/25-H1,9000,9150
            """);

        var result = await RunAsync(host, "submit", file, "--service", "justice", "--return", "court-backlog");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains($"{file}:2: column 'weeks_13_to_26': '800 Q3 only' is not a number", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: column 'snapshot_date': '30 Sept 2024' is not a date", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: column 'disposals': is empty", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: column 'snapshot_date': snapshot date '2024-10-31' differs from '2024-09-30' on line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("4 problems", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Submitting", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitBacklogCsv_BandsNotAddingUp_ServiceRejectionNamesLineAndColumn()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var file = Write($"""
            {BacklogHeader}
            WY-CC-LEEDS,2024-09-30,1200,800,600,400,3000,FY2024/25-H1,1900,1830
            WY-CC-BRADFORD,2024-09-30,700,500,300,100,1700,FY2024/25-H1,950,915
            """);

        var result = await RunAsync(host, "submit", file, "--service", "justice", "--return", "court-backlog");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains("rejected the return; nothing was stored", result.Error, StringComparison.Ordinal);
        var total = Assert.Single(result.Error.Split('\n'), l => l.StartsWith(file + ":", StringComparison.Ordinal));
        Assert.StartsWith($"{file}:3: column 'total': ", total, StringComparison.Ordinal);
        Assert.Contains("1600", total, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitBacklogCsv_UnknownCourt_ServiceRejectionNamesLineAndColumn()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var file = Write($"""
            {BacklogHeader}
            WY-CC-LEEDS,2024-09-30,1200,800,600,400,3000,FY2024/25-H1,1900,1830
            WY-CC-NOWHERE,2024-09-30,1,1,1,1,4,FY2024/25-H1,1,1
            """);

        var result = await RunAsync(host, "submit", file, "--service", "justice", "--return", "court-backlog");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains($"{file}:3: column 'court': unknown court 'WY-CC-NOWHERE'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTrialsCsv_OutcomesNotAddingUp_NamesLineAndColumn()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var file = Write($"""
            court_type,force_area,period,listed,effective,cracked,ineffective,vacated
            crown,{Areas.WestYorkshire},FY2024/25-H1,100,40,30,20,10
            magistrates,{Areas.WestYorkshire},FY2024/25-H1,300,100,100,50,40
            """);

        var result = await RunAsync(host, "submit", file, "--service", "justice", "--return", "trials");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        var problem = Assert.Single(result.Error.Split('\n'), l => l.StartsWith(file, StringComparison.Ordinal));
        Assert.StartsWith($"{file}:3: column 'listed': ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitForceReturnsCsv_EachKind_IsStoredAndReported()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        (string Kind, string Csv)[] returns =
        [
            ("trials", $"""
                court_type,force_area,period,listed,effective,cracked,ineffective,vacated,status,note
                crown,{Areas.WestYorkshire},FY2024/25-H1,100,40,30,20,10,provisional,
                magistrates,{Areas.WestYorkshire},FY2024/25-H1,300,100,100,60,40,provisional,
                """),
            ("case-progression", $"""
                court_type,force_area,period,first_hearings,early_guilty_pleas,completed_cases,total_days_charge_to_completion
                crown,{Areas.WestYorkshire},FY2024/25-H1,400,160,300,"90,000"
                magistrates,{Areas.WestYorkshire},FY2024/25-H1,"2,000","1,400",700,"35,000"
                """),
            ("reoffending", $"""
                age_group,force_area,period,cohort_size,reoffenders
                adult,{Areas.WestYorkshire},FY2022/23-Q2,"4,000",1000
                youth,{Areas.WestYorkshire},FY2022/23-Q2,300,96
                """),
            ("first-time-entrants", $"""
                age_group,force_area,period,count
                adult,{Areas.WestYorkshire},FY2024/25-H1,850
                youth,{Areas.WestYorkshire},FY2024/25-H1,120
                """),
            ("victims-code", $"""
                measure_code,force_area,period,data_source,numerator,denominator,note
                interpreter_provided,{Areas.WestYorkshire},FY2024/25-H1,police,45,50,
                """),
        ];

        foreach (var (kind, csv) in returns)
        {
            var submitted = await RunAsync(host, "submit", Write(csv), "--service", "justice", "--return", kind);
            Assert.True(submitted.Exit == ExitCodes.Success, $"{kind}: {submitted.Error}");
        }

        var report = await Eventually.WaitForAsync(
            () => RunAsync(host, "report", "--area", WestYorkshire, "--period", "FY2024/25-H1", "--format", "csv"),
            r => ReadReport(r.Out) is var rows && new[] { "cjs.ineffective_trial_rate_crown", "cjs.days_to_resolution", "cjs.first_time_entrants_youth", "cjs.victims_code_compliance.interpreter_provided" }.All(rows.ContainsKey),
            what: "the board's force returns in the county report");
        var rows = ReadReport(report.Out);
        // Ineffective over trials that reached their day (listed less vacated): 20 / 90.
        Assert.Contains("numerator=20", rows["cjs.ineffective_trial_rate_crown"]);
        Assert.Contains("denominator=90", rows["cjs.ineffective_trial_rate_crown"]);
        // All courts: total days over total cases, 125,000 / 1,000, not the mean of 300 and 50.
        Assert.Contains("county_value=125", rows["cjs.days_to_resolution"]);
        Assert.Contains("county_value=120", rows["cjs.first_time_entrants_youth"]);
        // A rate is written in percent in the CLI's CSV (unit "percent"): 45 of 50 is 90.
        Assert.Contains("county_value=90", rows["cjs.victims_code_compliance.interpreter_provided"]);
        Assert.Contains("unit=percent", rows["cjs.victims_code_compliance.interpreter_provided"]);
    }

    [Fact]
    public async Task Submit_JusticeWithoutReturnKind_SaysWhichThereAre()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var result = await RunAsync(host, "submit", Write(BacklogHeader), "--service", "justice");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains("--return: the criminal justice board service takes court-backlog, trials, case-progression, reoffending, first-time-entrants, victims-code", result.Error, StringComparison.Ordinal);
    }
}
