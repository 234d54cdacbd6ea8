using System.CommandLine;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership status</c>: for a period, every expected return (area x service) with the revision
/// received, when, its due date and state on the return calendar, and whether it has reached the
/// aggregator; for a financial year, each quarter's state; with <c>--chase</c>, the chase list as CSV.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code", DefaultValueFactory = _ => "E23000010" };
        var period = new Option<string>("--period") { Description = "The period, e.g. FY2020/21-Q3", Required = true };
        var url = CommonOptions.Url(context);
        var reportingUrl = new Option<string?>("--reporting-url") { Description = "The aggregator's address when it is not at --url" };
        var chase = new Option<bool>("--chase") { Description = "Write the chase list instead: every overdue or missing return of the period, as CSV" };

        var command = new Command("status", "Show where each expected return of a period is: received, which revision, and whether it reached the aggregator")
        {
            area, period, url, reportingUrl, chase,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context,
            result.GetRequiredValue(area).Trim(),
            result.GetRequiredValue(period),
            result.GetRequiredValue(url),
            result.GetValue(reportingUrl),
            result.GetValue(chase),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string force, string periodText, string url, string? reportingUrl, bool chase, CancellationToken cancellationToken)
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

        var calendar = ReturnCalendar.Load();
        var now = context.Clock.GetUtcNow();
        if (period!.Value.Kind == PeriodKind.FinancialYear)
        {
            var (yearExit, filedForYear) = await ListReturnsAsync(context, url, period.Value, cancellationToken);
            if (yearExit != ExitCodes.Success)
            {
                return yearExit;
            }

            // A return filed for the whole year (an annual figure) is listed as held, before the quarters.
            if (!chase && filedForYear!.Returns.Count > 0)
            {
                var shown = await WriteWindowAsync(context, geography, forceArea, period.Value, filedForYear, url, reportingUrl, calendar, now, onlyHeld: true, cancellationToken);
                if (shown != ExitCodes.Success)
                {
                    return shown;
                }
            }

            return await RunYearAsync(context, geography, forceArea, period.Value, url, chase, calendar, now, cancellationToken);
        }

        var (exit, stored) = await ListReturnsAsync(context, url, period.Value, cancellationToken);
        if (exit != ExitCodes.Success)
        {
            return exit;
        }

        if (chase)
        {
            ChaseList.WriteCsv(context.Out, ReturnStatusRows.Chased(
                ReturnStatusRows.Build(geography, forceArea, period.Value, stored!, new ListReceivedReturnsResponse(), calendar, now), period.Value));
            return ExitCodes.Success;
        }

        return await WriteWindowAsync(context, geography, forceArea, period.Value, stored!, url, reportingUrl, calendar, now, onlyHeld: false, cancellationToken);
    }

    /// <summary>The returns of one window with what reached the aggregator; <paramref name="onlyHeld"/> leaves out those not received.</summary>
    private static async Task<int> WriteWindowAsync(
        CliContext context, Geography geography, AreaDefinition forceArea, Period window, ListReturnsResponse stored, string url, string? reportingUrl, ReturnCalendar calendar, DateTimeOffset now, bool onlyHeld, CancellationToken cancellationToken)
    {
        var contractPeriod = window.ToContract();
        ListReceivedReturnsResponse? received = null;
        var exit = await context.CallAsync(
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

        var rows = ReturnStatusRows.Build(geography, forceArea, window, stored, received!, calendar, now);
        if (onlyHeld)
        {
            rows = [.. rows.Where(r => r.Stored is not null)];
        }

        StatusFormatter.WriteTable(context.Out, forceArea, window, rows, context.Width);
        var areas = rows.Select(r => r.Area.Code).ToHashSet(StringComparer.Ordinal);
        StatusFormatter.WriteWindowDifferences(context.Out, geography, window, [.. stored.WindowDifferences.Where(d => areas.Contains(d.AreaCode))]);
        return ExitCodes.Success;
    }

    /// <summary>
    /// A financial year is read as its four quarters, the cadence returns come in: a year whose
    /// quarters are all in is complete, not "missing" because nobody sent a return for the whole year.
    /// </summary>
    private static async Task<int> RunYearAsync(
        CliContext context, Geography geography, AreaDefinition force, Period year, string url, bool chase, ReturnCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quarters = ReturnCalendar.ExpectedPeriods(year);
        var byQuarter = new List<IReadOnlyList<ReturnStatusRow>>();
        foreach (var quarter in quarters)
        {
            var (exit, stored) = await ListReturnsAsync(context, url, quarter, cancellationToken);
            if (exit != ExitCodes.Success)
            {
                return exit;
            }

            byQuarter.Add(ReturnStatusRows.Build(geography, force, quarter, stored!, new ListReceivedReturnsResponse(), calendar, now));
        }

        if (chase)
        {
            ChaseList.WriteCsv(context.Out, quarters.SelectMany((quarter, i) => ReturnStatusRows.Chased(byQuarter[i], quarter)));
        }
        else
        {
            StatusFormatter.WriteYear(context.Out, force, year, quarters, byQuarter, context.Width);
        }

        return ExitCodes.Success;
    }

    private static async Task<(int Exit, ListReturnsResponse? Stored)> ListReturnsAsync(CliContext context, string url, Period period, CancellationToken cancellationToken)
    {
        ListReturnsResponse? stored = null;
        var exit = await context.CallAsync(
            url,
            async (channel, options) =>
            {
                stored = await context.WithProgressAsync("Listing the returns the services hold...", async () => await new ReturnStatus.ReturnStatusClient(channel).ListReturnsAsync(new ListReturnsRequest { Period = period.ToContract() }, options));
                return ExitCodes.Success;
            },
            cancellationToken);
        return (exit, stored);
    }
}
