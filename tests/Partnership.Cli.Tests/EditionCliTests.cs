using System.Globalization;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Cli.Tests.CliRun;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Cli.Tests;

/// <summary><c>partnership edition comment</c> and <c>edition publish</c>: commentary with placeholders, stale figures, the override, and publishing now.</summary>
public sealed class EditionCliTests
{
    private const string Quarter = "FY2024/25-Q3";

    [Fact]
    public async Task CommentSignOffPublish_StaleFigureNeedsTheOverride_PublishedNow()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        foreach (var district in WestYorkshireDistricts)
        {
            await SubmitAsync(host, district, 100);
        }

        await LiveTotalAsync(host, 500m);
        var created = await RunAsync(host, "edition", "create", "--area", WestYorkshire, "--period", Quarter, "--compare", "previous-year", "--title", "Q3");
        var id = created.Out.Split(':')[0]["Edition ".Length..];

        var commented = await RunAsync(host, "edition", "comment", "--id", id, "--measure", "crime.total_recorded", "--text", "Recorded crime: {crime.total_recorded.current}.");
        var unknown = await RunAsync(host, "edition", "comment", "--id", id, "--measure", "crime.total_recorded", "--text", "{crime.total_recorded.bogus}");
        var neither = await RunAsync(host, "edition", "comment", "--id", id, "--text", "Nothing to say");
        await SubmitAsync(host, Leeds, 900);
        await LiveTotalAsync(host, 1300m);
        var shown = await RunAsync(host, "edition", "show", "--id", id);
        var refused = await RunAsync(host, "edition", "sign-off", "--id", id, "--embargo", "2099-01-01T09:00:00Z");
        var signedOff = await RunAsync(host, "edition", "sign-off", "--id", id, "--embargo", "2099-01-01T09:00:00Z", "--override-stale", "Figures as first reported");
        var published = await RunAsync(host, "edition", "publish", "--id", id);

        Assert.True(commented.Exit == ExitCodes.Success, commented.Error);
        Assert.Contains("Commentary on measure crime.total_recorded: Recorded crime: 500.", commented.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Rejected, unknown.Exit);
        Assert.Contains("Unknown placeholder {crime.total_recorded.bogus}: 'bogus' is not a field", unknown.Error, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Rejected, "Give either --measure or --section: what the commentary is on."), (neither.Exit, neither.Error.Trim()));
        Assert.Contains("  STALE: {crime.total_recorded.current} was 500, now 1,300", shown.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Rejected, refused.Exit);
        Assert.Contains("cites {crime.total_recorded.current} as 500, now 1,300", refused.Error, StringComparison.Ordinal);
        Assert.True(signedOff.Exit == ExitCodes.Success, signedOff.Error);
        Assert.Contains(", signed off (under embargo)", signedOff.Out, StringComparison.Ordinal);
        Assert.True(published.Exit == ExitCodes.Success, published.Error);
        Assert.StartsWith($"Edition {id}: {WestYorkshire} {Quarter}, published", published.Out, StringComparison.Ordinal);
        Assert.Contains("; embargo 2099-01-01 09:00", published.Out, StringComparison.Ordinal);
        Assert.Contains("\nPublished ", published.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Rejected, (await RunAsync(host, "edition", "publish", "--id", id)).Exit);
    }

    private static async Task SubmitAsync(ExchangeHost host, string district, decimal total)
    {
        var request = new SubmitReturnRequest { AreaCode = district, Period = DomainPeriod.Parse(Quarter).ToContract(), SubmittedBy = district + " CSP" };
        request.Observations.Add(new ObservationInput { MeasureId = "crime.total_recorded", Value = total, SourceLine = 2 });
        await host.Crime.SubmitReturnAsync(request);
    }

    private static Task<DeliveryReport> LiveTotalAsync(ExchangeHost host, decimal total) =>
        Eventually.WaitForAsync(
            () => new DeliveryReports.DeliveryReportsClient(host.Channel).GetDeliveryReportAsync(new GetDeliveryReportRequest
            {
                ForceAreaCode = WestYorkshire,
                Period = DomainPeriod.Parse(Quarter).ToContract(),
                Audience = ReportAudience.Partner,
                Comparisons = { Comparison.PreviousYear },
            }).ResponseAsync,
            r => r.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).First(m => m.MeasureId == "crime.total_recorded")
                .County.Comparisons[0].Current.Value?.ToDecimal() == total,
            what: $"the live county total to be {total.ToString(CultureInfo.InvariantCulture)}");
}
