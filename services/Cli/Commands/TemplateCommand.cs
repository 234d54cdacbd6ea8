using System.CommandLine;
using Partnership.Cli.Services;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Returns.Typed;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership template</c>: an empty return with one row per measure, ready to fill in.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliContext context)
    {
        var service = CommonOptions.Service(NationalFiguresLayout.ServiceName);
        var kind = CommonOptions.ReturnKind();
        var area = new Option<string?>("--area") { Description = "Fill in the area code, e.g. E08000032" };
        var period = new Option<string?>("--period") { Description = "Fill in the period, e.g. FY2020/21-Q3" };
        var commission = CommonOptions.Commission();
        var fromServer = new Option<bool>("--from-server")
        {
            Description = "List the measures the server's catalogue has, instead of the catalogue built into this tool",
        };
        var output = CommonOptions.Output();
        var format = new Option<string?>("--format")
        {
            Description = "csv, or xlsx: an Excel workbook with a drop-down of the measure ids and typed cells, written to --out (the default for an --out ending in .xlsx)",
        }.AcceptOnlyFromAmong("csv", "xlsx");
        var url = CommonOptions.Url(context);

        var command = new Command("template", "Print an empty return for a service, one row per measure, as CSV or an Excel workbook")
        {
            service, kind, area, period, commission, fromServer, output, format, url,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = result.GetValue(output);
            var workbook = (result.GetValue(format) ?? (target is not null && XlsxTable.IsWorkbookName(target) ? "xlsx" : "csv")) == "xlsx";
            if (workbook && (target is null || result.GetRequiredValue(service) == NationalFiguresLayout.ServiceName))
            {
                context.Error.WriteLine(target is null
                    ? "--format xlsx: give --out with the workbook's name (e.g. --out return.xlsx); a workbook cannot be printed."
                    : $"--format xlsx: the {result.GetRequiredValue(service)} template is CSV only; leave --format out.");
                return ExitCodes.Rejected;
            }

            if (result.GetRequiredValue(service) == NationalFiguresLayout.ServiceName)
            {
                return WriteFile(context, target, writer => writer.Write(NationalFiguresLayout.Template),
                    $"The national figures layout with an example row{(target is null ? "" : $" written to {target}")}; docs/national-figures.md says what each column holds.");
            }

            if (ReturnServices.GetTyped(result.GetRequiredValue(service)) is { } typed)
            {
                return WriteTyped(context, typed, result.GetValue(kind), result.GetValue(area)?.Trim() ?? "", result.GetValue(period), result.GetValue(output), workbook);
            }

            var chosen = ReturnServices.Get(result.GetRequiredValue(service));
            var commissionId = result.GetValue(commission)?.Trim() ?? "";
            if (!CommonOptions.TryParsePeriod(context, "--period", result.GetValue(period), out var parsedPeriod)
                || !CommonOptions.CheckCommission(context, chosen, commissionId))
            {
                return ExitCodes.Rejected;
            }

            var template = new Template(result.GetValue(area)?.Trim() ?? "", parsedPeriod, workbook);
            if (!result.GetValue(fromServer))
            {
                // Offline by default: a partner preparing a return should not need the server up.
                return template.Write(context, result.GetValue(output), ReturnTemplate.FromCatalogue(MeasureCatalogue.Load(), chosen.CatalogueService, chosen.SourceName is not null, commissionId));
            }

            return await context.CallAsync(
                result.GetRequiredValue(url),
                async (channel, options) =>
                {
                    var measures = await chosen.ListMeasuresAsync(channel, options);
                    return template.Write(context, result.GetValue(output), [.. measures.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => new TemplateMeasure(m.Id, m.Unit))]);
                },
                cancellationToken);
        });
        return command;
    }

    /// <summary>A typed return's own columns, with the rows it always has (one per court, court type or age group) filled in as far as they can be.</summary>
    /// <param name="workbook">Written as an Excel workbook with typed cells (to <paramref name="output"/>), else as CSV.</param>
    private static int WriteTyped(CliContext context, TypedReturnService service, string? kindName, string area, string? periodText, string? output, bool workbook)
    {
        if (CommonOptions.TypedReturn(context, service, kindName) is not { } kind || !CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var rows = kind.TemplateRows(area, period).ToList();
        if (workbook && output is not null)
        {
            var template = kind.Workbook(area, period);
            return WriteWorkbook(context, output, template.Write, $"A {kind.Title} with {template.Rows.Count} rows written to {output}. Fill in the counts; status and note are optional.");
        }

        return WriteFile(context, output, writer =>
        {
            CsvWriter.WriteRow(writer, kind.Columns.Template);
            foreach (var row in rows)
            {
                CsvWriter.WriteRow(writer, row);
            }
        }, $"A {kind.Title} with {rows.Count} rows{(output is null ? "" : $" written to {output}")}. Fill in the counts; status and note are optional.");
    }

    private static int WriteFile(CliContext context, string? output, Action<TextWriter> write, string message)
    {
        try
        {
            CommonOptions.WriteData(context, output, write, byteOrderMark: true).WriteLine(message);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{output}: cannot write the file: {e.Message}");
            return ExitCodes.Rejected;
        }
    }

    private static int WriteWorkbook(CliContext context, string output, Action<Stream> write, string message)
    {
        try
        {
            using (var file = File.Create(output))
            {
                write(file);
            }

            context.Out.WriteLine(message);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{output}: cannot write the file: {e.Message}");
            return ExitCodes.Rejected;
        }
    }

    /// <param name="workbook">Written as an Excel workbook (to a file), else as CSV.</param>
    private sealed class Template(string area, Period? period, bool workbook)
    {
        public int Write(CliContext context, string? output, IReadOnlyList<TemplateMeasure> measures)
        {
            var template = new ReturnTemplate(measures, area, period);
            var message = $"{measures.Count} measures{(output is null ? "" : $" written to {output}")}. {template.Guidance}";
            if (workbook && output is not null)
            {
                return WriteWorkbook(context, output, template.WriteWorkbook, message);
            }

            return WriteFile(context, output, template.WriteCsv, message);
        }
    }
}
