using System.Net;
using ClosedXML.Excel;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>The published layouts over HTTP: CSV with a byte order mark, the workbook, and the PDF without Chromium.</summary>
public sealed class ReportExportsEndpointTests : IAsyncLifetime
{
    private static readonly string[] Districts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    private readonly TestStore _store = TestStore.Sqlite();
    private ExchangeHost? _host;

    private ExchangeHost Host => _host!;

    // No Chromium where the configuration says it is: the PDF cannot be made.
    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(
        ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, _store, builder => builder.Configuration["Reporting:Pdf:Chromium"] = "/nonexistent/chromium");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store.Dispose();
    }

    private async Task PublishQ3Async()
    {
        foreach (var (district, period) in Districts.SelectMany(d => new[] { (d, "FY2023/24-Q3"), (d, "FY2024/25-Q3") }))
        {
            var request = new SubmitReturnRequest { AreaCode = district, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = district + " CSP" };
            request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = period.StartsWith("FY2023", StringComparison.Ordinal) ? 1_000 : 900, SourceLine = 2 });
            await Host.Crime.SubmitReturnAsync(request);
        }

        await Eventually.WaitForAsync(
            () => new Contracts.Reporting.V1.Reporting.ReportingClient(Host.Channel).ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse("FY2024/25-Q3").ToContract() }).ResponseAsync,
            r => Districts.All(d => r.Returns.Any(x => x.AreaCode == d)),
            what: "the aggregator to receive FY2024/25-Q3");
        await Eventually.WaitForAsync(
            () => new Contracts.Reporting.V1.Reporting.ReportingClient(Host.Channel).ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse("FY2023/24-Q3").ToContract() }).ResponseAsync,
            r => Districts.All(d => r.Returns.Any(x => x.AreaCode == d)),
            what: "the aggregator to receive FY2023/24-Q3");
        await EditionPublisher.PublishAsync(Host.Channel, WestYorkshire, "FY2024/25-Q3");
    }

    [Fact]
    public async Task ReportCsv_AnyLayout_IsUtf8WithAByteOrderMark()
    {
        await PublishQ3Async();
        using var http = Host.CreateHttpClient();

        var full = await http.GetByteArrayAsync("/report.csv?period=FY2024/25-Q3");
        var summary = await http.GetByteArrayAsync("/report.csv?period=FY2024/25-Q3&layout=summary");

        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'t'], full[..4]);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'t'], summary[..4]);
        var lines = System.Text.Encoding.UTF8.GetString(summary[3..]).Split("\r\n");
        Assert.Contains(",crime.total_recorded,Total recorded crime,count,Quarter to Dec 2023,5000,Quarter to Dec 2024,4500,-500,-10,", lines.Single(l => l.Contains(",crime.total_recorded,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportXlsx_PublishedEdition_IsAWorkbookWithBothLayouts()
    {
        await PublishQ3Async();
        using var http = Host.CreateHttpClient();

        using var response = await http.GetAsync("/report.xlsx?period=FY2024/25-Q3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("delivery-report-E23000010-FY2024-25-Q3.xlsx", response.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["Summary", "Monitoring"], workbook.Worksheets.Select(s => s.Name));
        var crime = workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(3).GetString() == "Total recorded crime");
        Assert.Equal(5_000d, crime.Cell(4).GetDouble());
        Assert.Equal(4_500d, crime.Cell(5).GetDouble());
        Assert.Equal("Actual: Year to date to Dec 2024", workbook.Worksheet("Monitoring").Cell("F1").GetString());
    }

    [Fact]
    public async Task ReportPdf_ChromiumMissing_AnswersServiceUnavailableSayingWhy()
    {
        using var http = Host.CreateHttpClient();

        using var response = await http.GetAsync("/report.pdf?period=FY2024/25-Q3");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("PDF export needs Chromium, and Reporting:Pdf:Chromium names '/nonexistent/chromium', which does not exist.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReportMarkdown_UnknownLayout_IsRefused()
    {
        using var http = Host.CreateHttpClient();

        using var response = await http.GetAsync("/report.md?layout=appendix");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"layout: 'appendix' is not one of full, summary, monitoring.\"", await response.Content.ReadAsStringAsync());
    }
}
