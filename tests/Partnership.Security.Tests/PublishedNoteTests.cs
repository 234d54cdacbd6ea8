using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using Crime = Partnership.Contracts.Crime.V1;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Security.Tests;

/// <summary>A partner's note is shown as the text they wrote in every published format, never run as HTML or read as Markdown.</summary>
public sealed class PublishedNoteTests : IAsyncLifetime
{
    private const string Quarter = "FY2024/25-Q3";
    private const string HostileNote = "<script>alert(1)</script> <img src=x onerror=alert(2)> | [click](https://evil.example) \\| end";

    private ExchangeHost _exchange = null!;

    private DeliveryReports.DeliveryReportsClient Reports => new(_exchange.Channel);

    public async Task InitializeAsync()
    {
        _exchange = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        var request = new Crime.SubmitReturnRequest { AreaCode = Areas.Leeds, Period = DomainPeriod.Parse(Quarter).ToContract(), SubmittedBy = "Leeds CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = 1_000m, Note = HostileNote });
        await _exchange.Crime.SubmitReturnAsync(request);
        await Eventually.WaitForAsync(
            () => Reports.GetDeliveryReportAsync(Report()).ResponseAsync,
            r => r.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Any(m => m.Comment.Contains("alert(1)", StringComparison.Ordinal)),
            what: "the report to carry Leeds's note");
        await EditionPublisher.PublishAsync(_exchange.Channel, Areas.WestYorkshire, Quarter);
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private static GetDeliveryReportRequest Report() =>
        new() { ForceAreaCode = Areas.WestYorkshire, Period = new Proto.Period { Label = Quarter }, Audience = ReportAudience.Partner };

    private async Task<string> RenderAsync(ReportFormat format) =>
        (await Reports.RenderDeliveryReportAsync(new RenderDeliveryReportRequest { Report = Report(), Format = format })).Content;

    [Fact]
    public async Task Markdown_HostileNote_HtmlEncodedAndTableIntact()
    {
        using var http = _exchange.CreateHttpClient();

        foreach (var markdown in new[] { await http.GetStringAsync($"/report.md?period={Quarter}"), await RenderAsync(ReportFormat.Markdown) })
        {
            Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", markdown, StringComparison.OrdinalIgnoreCase);
            var rows = markdown.Split('\n').Where(l => l.StartsWith("| Total recorded crime | West Yorkshire", StringComparison.Ordinal) && l.Contains("alert(1)", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                Assert.Contains("Leeds: &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; \\| \\[click\\](https://evil.example) \\\\\\| end", row, StringComparison.Ordinal);
                // Eight columns: nine cell borders, however many pipes the note held.
                Assert.Equal(9, UnescapedPipes(row));
            }
        }
    }

    [Fact]
    public async Task Html_HostileNote_Encoded()
    {
        using var http = _exchange.CreateHttpClient();

        foreach (var html in new[] { await http.GetStringAsync($"/?period={Quarter}"), await RenderAsync(ReportFormat.Html) })
        {
            Assert.Contains("alert(1)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        }
    }

    private static int UnescapedPipes(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '|')
            {
                count++;
            }
        }

        return count;
    }
}
