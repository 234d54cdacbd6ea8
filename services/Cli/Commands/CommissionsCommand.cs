using System.CommandLine;
using System.Globalization;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Victims.V1;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership commissions</c>: the victim services a force's PCC commissions, by financial year,
/// with the ids a provider's return names (<c>--commission</c>) and their funding.
/// </summary>
internal static class CommissionsCommand
{
    public static Command Create(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code", DefaultValueFactory = _ => "E23000010" };
        var period = new Option<string?>("--period")
        {
            Description = "Only the financial year this period falls in, e.g. FY2025/26 or a return's period FY2025/26-Q1 (default: every year)",
        };
        var url = CommonOptions.Url(context);

        var command = new Command("commissions", "List the victim services commissioned for a force area, with the ids a provider's return gives as --commission")
        {
            area, period, url,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context, result.GetRequiredValue(area).Trim(), result.GetValue(period), result.GetRequiredValue(url), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string force, string? periodText, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        if (!Geography.Load().TryGet(force, out var forceArea) || forceArea.Type != AreaType.Force)
        {
            context.Error.WriteLine($"--area: '{force}' is not a force area");
            return ExitCodes.Rejected;
        }

        var year = period is { } p ? Period.FinancialYear(p.Start.Month >= 4 ? p.Start.Year : p.Start.Year - 1) : (Period?)null;
        var request = new ListCommissionedServicesRequest { ForceAreaCode = forceArea.Code, FinancialYear = year?.ToContract() };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                var response = await new VictimServices.VictimServicesClient(channel).ListCommissionedServicesAsync(request, options);
                Write(context, forceArea, year, response.Services);
                return ExitCodes.Success;
            },
            cancellationToken);
    }

    private static void Write(CliContext context, AreaDefinition force, Period? year, IReadOnlyList<CommissionedService> services)
    {
        var output = context.Out;
        var when = year is { } y ? y.Label : "every year";
        if (services.Count == 0)
        {
            output.WriteLine($"No victim services are commissioned for {force.Name} ({force.Code}), {when}.");
            return;
        }

        output.WriteLine($"Victim services commissioned for {force.Name} ({force.Code}), {when}");
        TextTable.Write(
            output,
            ["year", "commission", "service", "provider", "funding stream", "awarded", "allocated", "contract"],
            [.. services.Select(s => new[]
            {
                s.FinancialYear,
                s.Id,
                s.Service,
                s.Provider,
                s.FundingStream,
                Pounds(s.AmountAwarded),
                Pounds(s.AmountAllocated),
                $"{s.ContractStart} to {s.ContractEnd}",
            })],
            context.Width,
            new HashSet<int> { 5, 6 });
        output.WriteLine($"{services.Count} services. A provider's return names its service with --commission, e.g. --commission {services[0].Id}.");
    }

    private static string Pounds(Contracts.Common.V1.DecimalValue? amount) =>
        amount is null ? "" : "£" + amount.ToDecimal().ToString("N0", CultureInfo.InvariantCulture);
}
