using System.CommandLine;
using Partnership.Cli.Csv;
using Partnership.Cli.Services;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership template</c>: an empty return with one row per measure, ready to fill in.</summary>
internal static class TemplateCommand
{
    /// <param name="SnapshotOnly">A stock counted on a date: its row is dated at the end of the template's window.</param>
    private sealed record TemplateMeasure(string Id, string Unit, bool SnapshotOnly = false);

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
        var url = CommonOptions.Url(context);

        var command = new Command("template", "Print an empty CSV return for a service, one row per measure")
        {
            service, kind, area, period, commission, fromServer, output, url,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetRequiredValue(service) == NationalFiguresLayout.ServiceName)
            {
                var target = result.GetValue(output);
                return WriteFile(context, target, writer => writer.Write(NationalFiguresLayout.Template),
                    $"The national figures layout with an example row{(target is null ? "" : $" written to {target}")}; docs/national-figures.md says what each column holds.");
            }

            if (ReturnServices.GetTyped(result.GetRequiredValue(service)) is { } typed)
            {
                return WriteTyped(context, typed, result.GetValue(kind), result.GetValue(area)?.Trim() ?? "", result.GetValue(period), result.GetValue(output));
            }

            var chosen = ReturnServices.Get(result.GetRequiredValue(service));
            var commissionId = result.GetValue(commission)?.Trim() ?? "";
            if (!CommonOptions.TryParsePeriod(context, "--period", result.GetValue(period), out var parsedPeriod)
                || !CommonOptions.CheckCommission(context, chosen, commissionId))
            {
                return ExitCodes.Rejected;
            }

            var template = new Template(result.GetValue(area)?.Trim() ?? "", parsedPeriod);
            if (!result.GetValue(fromServer))
            {
                // Offline by default: a partner preparing a return should not need the server up.
                // Derived rates are the aggregator's to compute, never a row to fill in.
                var measures = MeasureCatalogue.Load().ForService(chosen.CatalogueService)
                    .Where(m => !m.IsDerived && ForThisReturn(chosen, commissionId, m));
                return template.Write(context, result.GetValue(output), [.. measures.Select(m => new TemplateMeasure(m.Id, m.Unit, m.Cadences is [PeriodKind.Snapshot]))]);
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
    private static int WriteTyped(CliContext context, TypedReturnService service, string? kindName, string area, string? periodText, string? output)
    {
        if (CommonOptions.TypedReturn(context, service, kindName) is not { } kind || !CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var rows = kind.TemplateRows(area, period).ToList();
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

    /// <summary>
    /// Where several partners report for one area (commissioned providers), a provider's template
    /// holds the force-level measures they report and the force's template the rest.
    /// </summary>
    private static bool ForThisReturn(ReturnService service, string commission, MeasureDefinition measure) =>
        service.SourceName is null || (measure.Level == SubmissionLevel.Force) == (commission.Length > 0);

    private sealed class Template(string area, Period? period)
    {
        public int Write(CliContext context, string? output, IReadOnlyList<TemplateMeasure> measures)
        {
            // The template cannot say in its cells which figure each row needs, so say it beside them.
            var ratios = measures.Where(m => m.Unit == "ratio").Select(m => m.Id).ToList();
            return WriteFile(context, output, writer =>
            {
                CsvWriter.WriteRow(writer, ReturnColumns.Template);
                foreach (var measure in measures)
                {
                    var rowPeriod = period is { } window && measure.SnapshotOnly && !window.IsSnapshot ? Period.Snapshot(window.End).Label : period?.Label ?? "";
                    CsvWriter.WriteRow(writer, [measure.Id, area, rowPeriod, .. Enumerable.Repeat("", ReturnColumns.Template.Count - 3)]);
                }
            }, $"{measures.Count} measures{(output is null ? "" : $" written to {output}")}. Fill in 'value' for counts and percentages"
                + (ratios.Count > 0 ? $", 'numerator' and 'denominator' for the ratios ({string.Join(", ", ratios)})." : "."));
        }
    }
}
