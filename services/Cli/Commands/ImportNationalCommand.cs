using System.CommandLine;
using Partnership.Contracts.Reporting.V1;
using Partnership.Returns;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership import-national</c>: loads a published table of national force-level figures into
/// the aggregator, all or nothing; a refusal lists every bad line and column.
/// </summary>
internal static class ImportNationalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV file, in the layout 'partnership template --service national' prints" };
        var url = CommonOptions.Url(context);
        var command = new Command("import-national", "Import published national figures (police recorded crime by force, ...) for the comparison with other forces; needs the operations role")
        {
            file, url,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetRequiredValue(file), result.GetRequiredValue(url), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, string url, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            context.Error.WriteLine($"{file}: no such file");
            return ExitCodes.Rejected;
        }

        if (WorkbookSignature.Describe(file) is { } workbook)
        {
            context.Error.WriteLine($"{file}: {workbook}.");
            return ExitCodes.Rejected;
        }

        var request = new ImportNationalFiguresRequest { Csv = await File.ReadAllTextAsync(file, cancellationToken) };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                var response = await new ReportingOperations.ReportingOperationsClient(channel).ImportNationalFiguresAsync(request, options);
                foreach (var import in response.Imports)
                {
                    context.Out.WriteLine($"{import.Publication}: {import.Stored} figures held{(import.Replaced > 0 ? $", replacing the {import.Replaced} held before" : "")}");
                }

                return ExitCodes.Success;
            },
            cancellationToken);
    }
}
