using System.CommandLine;
using Partnership.Cli.Services;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership backfill folder</c>: submits every return file in a folder, oldest period first,
/// the way <c>submit</c> sends one, and stops at the first file with problems.
/// </summary>
internal static class BackfillCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("folder")
        {
            Description = "A folder of returns, one area and period to a file, as CSV or Excel workbooks (.xlsx), with the columns 'submit' takes",
        };
        var service = CommonOptions.Service();
        var agency = new Option<string?>("--agency") { Description = "The submitting agency, recorded with each return" };
        var commission = CommonOptions.Commission();
        var url = CommonOptions.Url(context);

        var command = new Command("backfill", "Submit a folder of returns in period order; files the service already holds unchanged are skipped, so a stopped run can simply be run again")
        {
            folder, service, agency, commission, url,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var serviceName = result.GetRequiredValue(service);
            if (ReturnServices.GetTyped(serviceName) is { } typed)
            {
                context.Error.WriteLine($"--service: backfill takes returns of one area and period; the {typed.Title}'s typed returns go one at a time with 'submit'.");
                return Task.FromResult(ExitCodes.Rejected);
            }

            return RunAsync(
                context,
                result.GetRequiredValue(folder),
                ReturnServices.Get(serviceName),
                result.GetValue(agency) ?? "",
                result.GetValue(commission)?.Trim() ?? "",
                result.GetRequiredValue(url),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string folder, ReturnService service, string agency, string commission, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.CheckCommission(context, service, commission))
        {
            return ExitCodes.Rejected;
        }

        if (!Directory.Exists(folder))
        {
            context.Error.WriteLine($"{folder}: no such folder.");
            return ExitCodes.Rejected;
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            context.Error.WriteLine($"{folder}: no return files (.csv or .xlsx) to submit.");
            return ExitCodes.Rejected;
        }

        // Every file is read before any is sent: a file the CLI can see is wrong stops the run with
        // nothing stored, and the period order needs each file's period.
        var catalogue = MeasureCatalogue.Load();
        var returns = new List<SubmitCommand.FlatReturn>(files.Count);
        foreach (var file in files)
        {
            if (SubmitCommand.ReadFlat(context, file, catalogue, period: null) is not { } read)
            {
                context.Error.WriteLine($"Stopped at {file}, before sending any of the {Count(files.Count, "file")}.");
                return ExitCodes.Rejected;
            }

            returns.Add(read);
        }

        var ordered = returns
            .OrderBy(r => r.Return.Period.Start)
            .ThenBy(r => r.Return.Period.End)
            .ThenBy(r => r.File, StringComparer.Ordinal)
            .ToList();
        context.Out.WriteLine($"Read {Count(ordered.Count, "file")}, {Count(ordered.Sum(r => r.Return.Observations.Count), "observation")}, {ordered[0].Return.Period.Label} to {ordered[^1].Return.Period.Label}; submitting to the {service.Title} at {url}.");

        var (accepted, observations, unchanged) = (0, 0, 0);
        for (var i = 0; i < ordered.Count; i++)
        {
            var read = ordered[i];
            var exit = await context.WithProgressAsync(
                $"Backfilling {i + 1} of {ordered.Count}: {Path.GetFileName(read.File)}",
                () => SubmitCommand.SendFlatAsync(context, read, service, agency, commission, force: false, url, inBatch: true, cancellationToken));
            switch (exit)
            {
                case ExitCodes.Success:
                    accepted++;
                    observations += read.Return.Observations.Count;
                    break;
                case ExitCodes.Unchanged:
                    unchanged++;
                    break;
                default:
                    context.Error.WriteLine(
                        $"Stopped at {read.File} (file {i + 1} of {ordered.Count}): {Summary(accepted, observations, unchanged)} before it; {Count(ordered.Count - i, "file")} not sent. Fix it and run backfill again.");
                    return exit;
            }
        }

        context.Out.WriteLine($"Backfill complete: {Summary(accepted, observations, unchanged)}.");
        return ExitCodes.Success;
    }

    private static string Summary(int accepted, int observations, int unchanged) =>
        $"{Count(accepted, "file")} accepted ({Count(observations, "observation")}), {unchanged:N0} unchanged";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
