using Partnership.Cli;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.VictimServices.Tests;

/// <summary>Providers and the force submit CSV returns with the partner CLI; the county report shows them rolled up.</summary>
public sealed class CliVictimReturnTests : IDisposable
{
    private const string Header = "measure,area,period,value,numerator,denominator";
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-victims-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string ProviderCsv(int police, int self, int agencies, int fraud, int total, int isva) => $"""
        {Header}
        victims.referrals,{Areas.WestYorkshire},FY2024/25-Q1,{total},,
        victims.referrals_police,{Areas.WestYorkshire},FY2024/25-Q1,{police},,
        victims.self_referrals,{Areas.WestYorkshire},FY2024/25-Q1,{self},,
        victims.referrals_other_agencies,{Areas.WestYorkshire},FY2024/25-Q1,{agencies},,
        victims.referrals_national_fraud,{Areas.WestYorkshire},FY2024/25-Q1,{fraud},,
        victims.cases_closed,{Areas.WestYorkshire},FY2024/25-Q1,100,,
        victims.wellbeing_improved,{Areas.WestYorkshire},FY2024/25-Q1,,60,80
        victims.isva_caseload,{Areas.WestYorkshire},2024-06-30,{isva},,
        """;

    private async Task<(int Exit, string Out, string Error)> RunAsync(ExchangeHost host, string? csv, params string[] args)
    {
        if (csv is not null)
        {
            var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
            await File.WriteAllTextAsync(file, csv);
            args = [args[0], file, .. args[1..]];
        }

        using var handler = host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString(), error.ToString());
    }

    private static Task CommissionAsync(ExchangeHost host) => host.Victims.SubmitCommissioningAsync(VictimCommissioning.FY2024()).ResponseAsync;

    [Fact]
    public async Task Submit_ProviderAndForceCsv_CountyReportAddsProvidersForTheForceArea()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);
        string[] provider = ["submit", "--service", "victims", "--period", "FY2024/25-Q1", "--commission"];

        var general = await RunAsync(host, ProviderCsv(300, 80, 60, 40, 480, 0), [.. provider, "wy-general"]);
        var isva = await RunAsync(host, ProviderCsv(40, 20, 10, 0, 70, 55), [.. provider, "wy-isva"]);
        var force = await RunAsync(host, $"""
            {Header}
            victims.satisfaction,{Areas.WestYorkshire},FY2024/25-Q1,,812,1000
            victims.needs_assessed,{Areas.WestYorkshire},FY2024/25-Q1,,6100,7000
            """, "submit", "--service", "victims");

        Assert.True(general.Exit == 0, general.Error);
        Assert.True(isva.Exit == 0, isva.Error);
        Assert.True(force.Exit == 0, force.Error);
        // All three returns must have reached the aggregator before the sum is read: one provider's
        // return alone already puts a referrals line in the report.
        await Eventually.WaitForAsync(
            async () => (await host.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse("FY2024/25-Q1").ToContract() })).Returns.Count,
            count => count == 3,
            TimeSpan.FromSeconds(30),
            what: "the two providers' returns and the force's at the aggregator");
        var report = await RunAsync(host, null, "report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q1", "--format", "csv");
        var referrals = report.Out.Split('\n').Single(l => l.StartsWith("victims.referrals,", StringComparison.Ordinal));
        Assert.Contains(",550,", referrals, StringComparison.Ordinal);
        Assert.Contains(",false,", referrals, StringComparison.Ordinal);
        var wellbeing = report.Out.Split('\n').Single(l => l.StartsWith("victims.wellbeing_improved,", StringComparison.Ordinal));
        Assert.Contains(",120,160,", wellbeing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ReferralsNotAddingUp_ExitsRejectedNamingTheLine()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);

        var result = await RunAsync(host, ProviderCsv(300, 80, 60, 40, 481, 0), "submit", "--service", "victims", "--period", "FY2024/25-Q1", "--commission", "wy-general");

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Contains(":2:", result.Error, StringComparison.Ordinal);
        Assert.Contains("add up to 480", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_ProviderAndForce_ListTheirOwnMeasuresWithCaseloadAtQuarterEnd()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);

        var provider = await RunAsync(host, null, "template", "--service", "victims", "--commission", "wy-isva", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q1");
        var force = await RunAsync(host, null, "template", "--service", "victims", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q1");

        Assert.Contains($"victims.isva_caseload,{Areas.WestYorkshire},2024-06-30,", provider.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("victims.satisfaction", provider.Out, StringComparison.Ordinal);
        Assert.Contains($"victims.satisfaction,{Areas.WestYorkshire},FY2024/25-Q1,", force.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("victims.referrals", force.Out, StringComparison.Ordinal);
    }
}
