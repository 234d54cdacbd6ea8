using System.CommandLine;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership status</c>: for a period, every expected return (area x service) with the revision
/// received, when, and whether it has reached the aggregator.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code", DefaultValueFactory = _ => "E23000010" };
        var period = new Option<string>("--period") { Description = "The period, e.g. FY2020/21-Q3", Required = true };
        var url = CommonOptions.Url(context);
        var reportingUrl = new Option<string?>("--reporting-url") { Description = "The aggregator's address when it is not at --url" };

        var command = new Command("status", "Show where each expected return of a period is: received, which revision, and whether it reached the aggregator")
        {
            area, period, url, reportingUrl,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context,
            result.GetRequiredValue(area).Trim(),
            result.GetRequiredValue(period),
            result.GetRequiredValue(url),
            result.GetValue(reportingUrl),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string force, string periodText, string url, string? reportingUrl, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var geography = Geography.Load();
        if (!geography.TryGet(force, out var forceArea) || forceArea.Type != AreaType.Force)
        {
            context.Error.WriteLine($"--area: '{force}' is not a force area");
            return ExitCodes.Rejected;
        }

        var contractPeriod = period!.Value.ToContract();
        ListReturnsResponse? stored = null;
        var exit = await context.CallAsync(
            url,
            async (channel, options) =>
            {
                stored = await context.WithProgressAsync("Listing the returns the services hold...", async () => await new ReturnStatus.ReturnStatusClient(channel).ListReturnsAsync(new ListReturnsRequest { Period = contractPeriod }, options));
                return ExitCodes.Success;
            },
            cancellationToken);
        if (exit != ExitCodes.Success)
        {
            return exit;
        }

        ListReceivedReturnsResponse? received = null;
        exit = await context.CallAsync(
            reportingUrl ?? url,
            async (channel, options) =>
            {
                received = await context.WithProgressAsync("Asking the aggregator what reached it...", async () => await new Reporting.ReportingClient(channel).ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = contractPeriod }, options));
                return ExitCodes.Success;
            },
            cancellationToken);
        if (exit != ExitCodes.Success)
        {
            return exit;
        }

        var rows = ReturnStatusRows.Build(geography, forceArea, period.Value, stored!, received!);
        StatusFormatter.WriteTable(context.Out, forceArea, period.Value, rows, context.Width);
        var areas = rows.Select(r => r.Area.Code).ToHashSet(StringComparer.Ordinal);
        StatusFormatter.WriteWindowDifferences(context.Out, geography, period.Value, [.. stored!.WindowDifferences.Where(d => areas.Contains(d.AreaCode))]);
        return ExitCodes.Success;
    }
}
