using System.CommandLine;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership report</c>: the county rollup of a force area for a period.</summary>
internal static class ReportCommand
{
    private const string Table = "table";
    private const string Csv = "csv";

    public static Command Create(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code, e.g. E11000006 (West Yorkshire)", Required = true };
        var period = new Option<string>("--period") { Description = "The period, e.g. FY2020/21-Q3", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "table for people, csv (full precision) for spreadsheets",
            DefaultValueFactory = _ => Table,
        }.AcceptOnlyFromAmong(Table, Csv);
        var output = CommonOptions.Output();
        var url = CommonOptions.Url(context);

        var command = new Command("report", "Show the county-wide rollup of every measure for a force area and period")
        {
            area, period, format, output, url,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context,
            result.GetRequiredValue(area),
            result.GetRequiredValue(period),
            result.GetRequiredValue(format),
            result.GetValue(output),
            result.GetRequiredValue(url),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string area, string periodText, string format, string? output, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var request = new GetCountyRollupRequest { ForceAreaCode = area.Trim(), Period = period!.Value.ToContract() };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                var rollup = await new Reporting.ReportingClient(channel).GetCountyRollupAsync(request, options);
                return Write(context, rollup, format, output);
            },
            cancellationToken);
    }

    private static int Write(CliContext context, CountyRollup rollup, string format, string? output)
    {
        var formatter = new RollupFormatter(Geography.Load());
        try
        {
            var messages = CommonOptions.WriteData(context, output, writer =>
            {
                if (format == Csv)
                {
                    RollupFormatter.WriteCsv(rollup, writer);
                }
                else
                {
                    formatter.WriteTable(rollup, writer);
                }
            });
            if (output is not null)
            {
                messages.WriteLine($"Wrote {rollup.Measures.Count} measures for {rollup.ForceArea.Name}, {rollup.Period.Label}, to {output}.");
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{output}: cannot write the file: {e.Message}");
            return ExitCodes.Rejected;
        }
    }
}
