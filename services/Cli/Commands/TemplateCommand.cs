using System.CommandLine;
using Partnership.Cli.Csv;
using Partnership.Cli.Services;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership template</c>: an empty return with one row per measure, ready to fill in.</summary>
internal static class TemplateCommand
{
    private sealed record TemplateMeasure(string Id, string Unit);

    public static Command Create(CliContext context)
    {
        var service = CommonOptions.Service();
        var area = new Option<string?>("--area") { Description = "Fill in the area code, e.g. E08000032" };
        var period = new Option<string?>("--period") { Description = "Fill in the period, e.g. FY2020/21-Q3" };
        var fromServer = new Option<bool>("--from-server")
        {
            Description = "List the measures the server's catalogue has, instead of the catalogue built into this tool",
        };
        var output = CommonOptions.Output();
        var url = CommonOptions.Url(context);

        var command = new Command("template", "Print an empty CSV return for a service, one row per measure")
        {
            service, area, period, fromServer, output, url,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = ReturnServices.Get(result.GetRequiredValue(service));
            if (!CommonOptions.TryParsePeriod(context, "--period", result.GetValue(period), out var parsedPeriod))
            {
                return ExitCodes.Rejected;
            }

            var template = new Template(result.GetValue(area)?.Trim() ?? "", parsedPeriod?.Label ?? "");
            if (!result.GetValue(fromServer))
            {
                // Offline by default: a partner preparing a return should not need the server up.
                var measures = MeasureCatalogue.Load().ForService(chosen.CatalogueService);
                return template.Write(context, result.GetValue(output), [.. measures.Select(m => new TemplateMeasure(m.Id, m.Unit))]);
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

    private sealed class Template(string area, string period)
    {
        public int Write(CliContext context, string? output, IReadOnlyList<TemplateMeasure> measures)
        {
            TextWriter messages;
            try
            {
                messages = CommonOptions.WriteData(context, output, writer =>
                {
                    CsvWriter.WriteRow(writer, ReturnColumns.Template);
                    foreach (var measure in measures)
                    {
                        CsvWriter.WriteRow(writer, [measure.Id, area, period, .. Enumerable.Repeat("", ReturnColumns.Template.Count - 3)]);
                    }
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"{output}: cannot write the file: {e.Message}");
                return ExitCodes.Rejected;
            }

            // The template cannot say in its cells which figure each row needs, so say it beside them.
            var ratios = measures.Where(m => m.Unit == "ratio").Select(m => m.Id).ToList();
            messages.WriteLine($"{measures.Count} measures{(output is null ? "" : $" written to {output}")}. Fill in 'value' for counts and percentages"
                + (ratios.Count > 0 ? $", 'numerator' and 'denominator' for the ratios ({string.Join(", ", ratios)})." : "."));
            return ExitCodes.Success;
        }
    }
}
