using Grpc.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Cli;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>The delivery report over gRPC, with the crime measures service and the aggregator in memory.</summary>
public sealed class DeliveryReportsServiceTests : IAsyncLifetime
{
    private static readonly string[] Districts = [Areas.Bradford, Areas.Calderdale, Areas.Kirklees, Areas.Leeds, Areas.Wakefield];

    private readonly TestStore _store = TestStore.Sqlite();
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    private DeliveryReports.DeliveryReportsClient Client => new(Host.Channel);

    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.JusticeBoard | ExchangeServices.Reporting, _store);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store.Dispose();
    }

    private async Task SubmitAsync(string area, string period, decimal totalCrime, decimal homicides = 7)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = area + " CSP" };
        request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = totalCrime, SourceLine = 2 });
        request.Observations.Add(new ObservationInput { MeasureId = "crime.homicide", Value = homicides, SourceLine = 3 });
        await Host.Crime.SubmitReturnAsync(request);
    }

    private static GetDeliveryReportRequest Request(string period, ReportAudience audience = ReportAudience.Partner, params Comparison[] comparisons)
    {
        var request = new GetDeliveryReportRequest { ForceAreaCode = WestYorkshire, Period = new Period { Label = period }, Audience = audience, IncludeSeries = true };
        request.Comparisons.AddRange(comparisons);
        return request;
    }

    private static ReportMeasure Measure(DeliveryReport report, string id) =>
        report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Single(m => m.MeasureId == id);

    /// <summary>Every district's recorded crime is in for the quarter and for the same quarter a year earlier.</summary>
    private static bool BothYearsIn(DeliveryReport report)
    {
        var comparison = Measure(report, "crime.total_recorded").County.Comparisons.Single(c => c.Comparison == Comparison.PreviousYear);
        return comparison.Current.Value is not null && !comparison.Current.Provisional && comparison.Previous.Value is not null && !comparison.Previous.Provisional;
    }

    private Task<DeliveryReport> WhenCompleteAsync(string period, Func<DeliveryReport, bool> ready) =>
        Eventually.WaitForAsync(() => Client.GetDeliveryReportAsync(Request(period)).ResponseAsync, ready, what: "the aggregator to receive the returns");

    [Fact]
    public async Task GetDeliveryReport_FiveDistricts_ComparesWithAYearEarlierAndGivesProvenance()
    {
        foreach (var (district, i) in Districts.Select((d, i) => (d, i)))
        {
            await SubmitAsync(district, "FY2023/24-Q3", 10_000 + (i * 1_000));
            await SubmitAsync(district, "FY2024/25-Q3", 10_500 + (i * 1_000));
        }

        var report = await WhenCompleteAsync("FY2024/25-Q3", BothYearsIn);
        var crime = Measure(report, "crime.total_recorded");
        var previousYear = crime.County.Comparisons.Single(c => c.Comparison == Comparison.PreviousYear);

        Assert.Equal(3, crime.County.Comparisons.Count);
        Assert.Equal(62_500m, previousYear.Current.Value.ToDecimal());
        Assert.Equal(60_000m, previousYear.Previous.Value.ToDecimal());
        Assert.Equal(2_500m, previousYear.Change.Absolute.ToDecimal());
        Assert.Equal(4.166666667m, previousYear.Change.Percent.ToDecimal()); // unrounded on the wire (9 dp)
        Assert.Equal(FigureMethod.Exact, previousYear.Current.Method);
        Assert.Equal(5, previousYear.Current.Sources.Count);
        Assert.All(previousYear.Current.Sources, s => Assert.Equal(1, s.Revision));
        Assert.Equal(Districts, previousYear.Current.DistrictsIncluded);
        Assert.Equal(5, crime.Districts.Count);
        Assert.Equal("Reduce the risk of domestic burglary", Measure(report, "crime.domestic_burglary").Label);
        var neighbourhood = Measure(report, "crime.neighbourhood").Target;
        Assert.Equal(46_162m, neighbourhood.Value.ToDecimal());
        Assert.Equal((TargetKind.Reduction, 0m, 46_162m, 12), (neighbourhood.Kind, neighbourhood.ReductionPercent.ToDecimal(), neighbourhood.BaselineValue.ToDecimal(), neighbourhood.WindowMonths));
        Assert.Equal((TargetKind.Absolute, 74.9m, 0.05m), (Measure(report, "victims.satisfaction").Target.Kind, Measure(report, "victims.satisfaction").Target.Value.ToDecimal(), Measure(report, "victims.satisfaction").Target.Threshold.ToDecimal()));
    }

    [Fact]
    public async Task WatchDeliveryReport_Resubmission_PushesTheChangedReport()
    {
        foreach (var district in Districts)
        {
            await SubmitAsync(district, "FY2024/25-Q3", 10_000);
        }

        await WhenCompleteAsync("FY2024/25-Q3", r => !Measure(r, "crime.total_recorded").County.Comparisons[0].Current.Provisional);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = Client.WatchDeliveryReport(Request("FY2024/25-Q3", ReportAudience.Partner, Comparison.PreviousYear), cancellationToken: cancel.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(50_000m, Measure(watch.ResponseStream.Current, "crime.total_recorded").County.Comparisons[0].Current.Value.ToDecimal());

        // Leeds resubmits Q3: revision 2 replaces revision 1 and the watcher hears of it.
        await SubmitAsync(Areas.Leeds, "FY2024/25-Q3", 10_250);

        DeliveryReport? pushed = null;
        while (await watch.ResponseStream.MoveNext(cancel.Token))
        {
            pushed = watch.ResponseStream.Current;
            if (Measure(pushed, "crime.total_recorded").County.Comparisons[0].Current.Value.ToDecimal() == 50_250m)
            {
                break;
            }
        }

        var current = Measure(pushed!, "crime.total_recorded").County.Comparisons[0].Current;
        Assert.Equal(50_250m, current.Value.ToDecimal());
        Assert.Equal(2, current.Sources.Single(s => s.AreaCode == Areas.Leeds).Revision);
    }

    [Fact]
    public async Task RenderDeliveryReport_PublicMarkdownAndCsv_AreFormattedAsPublished()
    {
        foreach (var (district, i) in Districts.Select((d, i) => (d, i)))
        {
            await SubmitAsync(district, "FY2023/24-Q3", 20_000, homicides: 2);
            await SubmitAsync(district, "FY2024/25-Q3", 20_000 - (i * 100), homicides: 2);
        }

        await WhenCompleteAsync("FY2024/25-Q3", BothYearsIn);
        await EditionPublisher.PublishAsync(Host.Channel, WestYorkshire, "FY2024/25-Q3");
        var markdown = await Client.RenderDeliveryReportAsync(new RenderDeliveryReportRequest
        {
            Report = Request("FY2024/25-Q3", ReportAudience.Public, Comparison.PreviousYear),
            Format = ReportFormat.Markdown,
        });
        var csv = await Client.RenderDeliveryReportAsync(new RenderDeliveryReportRequest
        {
            Report = Request("FY2024/25-Q3", ReportAudience.Public, Comparison.PreviousYear),
            Format = ReportFormat.Csv,
        });

        // 100,000 -> 99,000: -1,000 and -1.0%; the arrow is suggested; homicides of 2 per district are
        // published: a count of crimes identifies nobody.
        Assert.Contains("| Total recorded crime | West Yorkshire | 100,000 | 99,000 | -1,000 -1.0% | ↔ (s) |", markdown.Content, StringComparison.Ordinal);
        Assert.Equal("text/markdown; charset=utf-8", markdown.ContentType);
        var lines = csv.Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("theme,objective,measure_id,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(",crime.homicide,", StringComparison.Ordinal) && l.Contains($",{Areas.Leeds},", StringComparison.Ordinal) && l.Contains(",FY2024/25-Q3,2,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",crime.homicide,", StringComparison.Ordinal) && l.Contains(",*,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",crime.homicide,", StringComparison.Ordinal) && l.Contains($",{Areas.WestYorkshire},", StringComparison.Ordinal) && l.Contains(",FY2024/25-Q3,10,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDeliveryReport_UnknownForce_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDeliveryReportAsync(new GetDeliveryReportRequest { ForceAreaCode = Areas.Bradford, Period = new Period { Label = "FY2024/25-Q3" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task CliEditionAndReport_PublishedAtOnceThenMarkdownToFile_WritesTheReportAsPublished()
    {
        foreach (var (district, i) in Districts.Select((d, i) => (d, i)))
        {
            await SubmitAsync(district, "FY2023/24-Q3", 10_000 + (i * 1_000));
            await SubmitAsync(district, "FY2024/25-Q3", 10_500 + (i * 1_000));
        }

        await WhenCompleteAsync("FY2024/25-Q3", BothYearsIn);
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.md");
        using var handler = new BearerTokenHandler(TestTokens.Trusted(), ((TestServer)Host.Services.GetRequiredService<IServer>()).CreateHandler());
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Assert.Equal(0, await CliApp.RunAsync(["edition", "create", "--area", WestYorkshire, "--period", "FY2024/25-Q3", "--title", "Q3 to the Panel", "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler)));
            Assert.Equal(0, await CliApp.RunAsync(["edition", "sign-off", "--id", "1", "--embargo", "now", "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler)));
            Assert.Equal(0, await CliApp.RunAsync(["edition", "show", "--id", "1", "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler)));
            Assert.Contains($"Edition 1: {WestYorkshire} FY2024/25-Q3, draft", output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"Edition 1: {WestYorkshire} FY2024/25-Q3, published", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("Title: Q3 to the Panel", output.ToString(), StringComparison.Ordinal);
            Assert.Matches(@"crime\.total_recorded +62,500 +60,000", output.ToString());
            var exit = await CliApp.RunAsync(
                ["report", "--area", WestYorkshire, "--period", "FY2024/25-Q3", "--compare", "previous-year", "--format", "md", "--out", file, "--url", "http://localhost"],
                output, error, CliOptions.ForHandler(handler));

            Assert.True(exit == 0, error.ToString());
            var markdown = await File.ReadAllTextAsync(file);
            Assert.Contains("## Same window a year earlier: FY2024/25-Q3 against FY2023/24-Q3", markdown, StringComparison.Ordinal);
            Assert.Contains("| Total recorded crime | West Yorkshire | 60,000 | 62,500 | 2,500 4.2% |", markdown, StringComparison.Ordinal);
            Assert.Contains("Wrote the Delivery Quarterly Report", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CliReport_XlsxAndSummaryCsvToFiles_WritesAWorkbookAndCsvWithAByteOrderMark()
    {
        foreach (var (district, i) in Districts.Select((d, i) => (d, i)))
        {
            await SubmitAsync(district, "FY2023/24-Q3", 10_000 + (i * 1_000));
            await SubmitAsync(district, "FY2024/25-Q3", 10_500 + (i * 1_000));
        }

        await WhenCompleteAsync("FY2024/25-Q3", BothYearsIn);
        var workbookFile = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        var csvFile = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.csv");
        using var handler = new BearerTokenHandler(TestTokens.Trusted(), ((TestServer)Host.Services.GetRequiredService<IServer>()).CreateHandler());
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var xlsx = await CliApp.RunAsync(
                ["report", "--area", WestYorkshire, "--period", "FY2024/25-Q3", "--view", "partner", "--compare", "previous-year", "--format", "xlsx", "--out", workbookFile, "--url", "http://localhost"],
                output, error, CliOptions.ForHandler(handler));
            var csv = await CliApp.RunAsync(
                ["report", "--area", WestYorkshire, "--period", "FY2024/25-Q3", "--view", "partner", "--format", "csv", "--layout", "summary", "--out", csvFile, "--url", "http://localhost"],
                output, error, CliOptions.ForHandler(handler));
            var toTerminal = await CliApp.RunAsync(
                ["report", "--area", WestYorkshire, "--period", "FY2024/25-Q3", "--compare", "previous-year", "--format", "xlsx", "--url", "http://localhost"],
                output, error, CliOptions.ForHandler(handler));

            Assert.True(xlsx == 0 && csv == 0, error.ToString());
            using (var workbook = new ClosedXML.Excel.XLWorkbook(workbookFile))
            {
                Assert.Equal(["Summary", "Monitoring"], workbook.Worksheets.Select(s => s.Name));
                var crime = workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(3).GetString() == "Total recorded crime");
                Assert.Equal(60_000d, crime.Cell(4).GetDouble());
                Assert.Equal(62_500d, crime.Cell(5).GetDouble());
            }

            var bytes = await File.ReadAllBytesAsync(csvFile);
            Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'t'], bytes[..4]);
            Assert.Contains(
                ",crime.total_recorded,Total recorded crime,count,Quarter to Dec 2023,60000,Quarter to Dec 2024,62500,2500,4.16666666666",
                System.Text.Encoding.UTF8.GetString(bytes),
                StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Rejected, toTerminal);
            Assert.Contains("--format xlsx writes a workbook: name the file with --output", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(workbookFile);
            File.Delete(csvFile);
        }
    }
}
