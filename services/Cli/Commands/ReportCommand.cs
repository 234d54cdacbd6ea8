using System.CommandLine;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership report</c>: the county rollup of a force area for a period (a table, CSV or a
/// workbook), or, with <c>--compare</c>, <c>--layout</c> or a published format (md, html), the Delivery
/// Quarterly Report rendered by the aggregator, so every client prints exactly what the dashboard shows.
/// </summary>
internal static class ReportCommand
{
    private const string Table = "table";
    private const string Csv = "csv";
    private const string Markdown = "md";
    private const string Html = "html";
    private const string Xlsx = "xlsx";

    public static Command Create(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code, e.g. E23000010 (West Yorkshire; its old code E11000006 is accepted too)", Required = true };
        var period = new Option<string>("--period") { Description = "The period, e.g. FY2020/21-Q3", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "table for people, csv (full precision) for spreadsheets, xlsx for an Excel workbook (needs --output): the county rollup, or with --compare or --layout the Delivery Quarterly Report; md or html for the Delivery Quarterly Report as published",
            DefaultValueFactory = _ => Table,
        }.AcceptOnlyFromAmong(Table, Csv, Markdown, Html, Xlsx);
        var layout = new Option<string>("--layout")
        {
            Description = "The Delivery Quarterly Report's table, for md and csv: full, summary (per priority and objective) or monitoring (the appendix against targets)",
            DefaultValueFactory = _ => "full",
        }.AcceptOnlyFromAmong(Layouts.Keys.ToArray());
        var compare = new Option<string?>("--compare")
        {
            Description = "The Delivery Quarterly Report's comparison: previous-year (the same window a year earlier), rolling-12-months or year-to-date",
        }.AcceptOnlyFromAmong(ComparisonNames.Keys.ToArray());
        var view = new Option<string>("--view")
        {
            Description = "public (disclosure control applied) or partner (true figures)",
            DefaultValueFactory = _ => "public",
        }.AcceptOnlyFromAmong("public", "partner");
        var output = CommonOptions.Output();
        var url = CommonOptions.Url(context);

        var command = new Command("report", "Show the county-wide rollup of every measure for a force area and period")
        {
            area, period, format, compare, view, layout, output, url,
        };
        command.SetAction((result, cancellationToken) => result.GetRequiredValue(format) == Xlsx && result.GetValue(output) is null
            ? Task.FromResult(NeedsFile(context))
            : result.GetValue(compare) is not null || result.GetRequiredValue(format) is Markdown or Html || result.GetRequiredValue(layout) != "full"
            ? RunDeliveryReportAsync(
                context,
                result.GetRequiredValue(area),
                result.GetRequiredValue(period),
                result.GetRequiredValue(format),
                result.GetValue(compare) ?? "previous-year",
                result.GetRequiredValue(view),
                Layouts[result.GetRequiredValue(layout)],
                result.GetValue(output),
                result.GetRequiredValue(url),
                cancellationToken)
            : RunAsync(
                context,
                result.GetRequiredValue(area),
                result.GetRequiredValue(period),
                result.GetRequiredValue(format),
                result.GetRequiredValue(view),
                result.GetValue(output),
                result.GetRequiredValue(url),
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string area, string periodText, string format, string view, string? output, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var request = new GetCountyRollupRequest
        {
            ForceAreaCode = area.Trim(),
            Period = period!.Value.ToContract(),
            Audience = view == "partner" ? ReportAudience.Partner : ReportAudience.Public,
        };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                // The partner view needs a token with a reader role (--token / PARTNERSHIP_TOKEN); the server checks it.
                var rollup = await context.WithProgressAsync("Rolling up the county's figures...", async () => await new Reporting.ReportingClient(channel).GetCountyRollupAsync(request, options));
                return Write(context, rollup, format, output);
            },
            cancellationToken);
    }

    internal static readonly Dictionary<string, Comparison> ComparisonNames = new(StringComparer.Ordinal)
    {
        ["previous-year"] = Comparison.PreviousYear,
        ["rolling-12-months"] = Comparison.Rolling12Months,
        ["year-to-date"] = Comparison.YearToDate,
    };

    internal static readonly Dictionary<string, ReportLayout> Layouts = new(StringComparer.Ordinal)
    {
        ["full"] = ReportLayout.Unspecified,
        ["summary"] = ReportLayout.Summary,
        ["monitoring"] = ReportLayout.Monitoring,
    };

    private static async Task<int> RunDeliveryReportAsync(
        CliContext context, string area, string periodText, string format, string compare, string view, ReportLayout layout, string? output, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var request = new RenderDeliveryReportRequest
        {
            Report = new GetDeliveryReportRequest
            {
                ForceAreaCode = area.Trim(),
                Period = period!.Value.ToContract(),
                Comparisons = { ComparisonNames[compare] },
                Audience = view == "partner" ? ReportAudience.Partner : ReportAudience.Public,
            },
            // A table of the delivery report is its Markdown: aligned columns, readable in a terminal.
            Format = format switch { Csv => ReportFormat.Csv, Html => ReportFormat.Html, Xlsx => ReportFormat.Xlsx, _ => ReportFormat.Markdown },
            Layout = layout,
        };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                var rendered = await context.WithProgressAsync("Building the Delivery Quarterly Report...", async () => await new DeliveryReports.DeliveryReportsClient(channel).RenderDeliveryReportAsync(request, options));
                return format == Xlsx ? WriteWorkbook(context, rendered, output!) : WriteDocument(context, rendered, output, csv: format == Csv);
            },
            cancellationToken);
    }

    // A workbook is no text for a terminal.
    private static int NeedsFile(CliContext context)
    {
        context.Error.WriteLine("--format xlsx writes a workbook: name the file with --output, e.g. --output report.xlsx.");
        return ExitCodes.Rejected;
    }

    private static int WriteDocument(CliContext context, RenderedReport rendered, string? output, bool csv) =>
        WriteOut(context, output, writer => writer.Write(rendered.Content), $"Wrote the Delivery Quarterly Report ({rendered.ContentType}) to {output}.", csv);

    private static int WriteWorkbook(CliContext context, RenderedReport rendered, string output) =>
        WriteFile(context, output, rendered.Data.WriteTo, $"Wrote the Delivery Quarterly Report's workbook (summary and monitoring sheets) to {output}.");

    private static int WriteFile(CliContext context, string output, Action<Stream> write, string wrote)
    {
        try
        {
            using (var file = File.Create(output))
            {
                write(file);
            }

            context.Out.WriteLine(wrote);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{output}: cannot write the file: {e.Message}");
            return ExitCodes.Rejected;
        }
    }

    private static int Write(CliContext context, CountyRollup rollup, string format, string? output)
    {
        var formatter = new RollupFormatter(Geography.Load());
        if (format == Xlsx)
        {
            return WriteFile(context, output!, stream => formatter.WriteWorkbook(rollup, stream), $"Wrote the county rollup's workbook ({rollup.Measures.Count} measures for {rollup.ForceArea.Name}, {rollup.Period.Label}) to {output}.");
        }

        return WriteOut(
            context,
            output,
            writer =>
            {
                if (format == Csv)
                {
                    RollupFormatter.WriteCsv(rollup, writer);
                }
                else
                {
                    formatter.WriteTable(rollup, writer, output is null ? context.Width : null);
                }
            },
            $"Wrote {rollup.Measures.Count} measures for {rollup.ForceArea.Name}, {rollup.Period.Label}, to {output}.",
            csv: format == Csv);
    }

    /// <summary>Writes to --out or standard output; a file that cannot be written is the user's to fix (exit 1).</summary>
    private static int WriteOut(CliContext context, string? output, Action<TextWriter> write, string wrote, bool csv)
    {
        try
        {
            var messages = CommonOptions.WriteData(context, output, write, byteOrderMark: csv);
            if (output is not null)
            {
                messages.WriteLine(wrote);
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
