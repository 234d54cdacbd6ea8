using System.CommandLine;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Partnership.Cli.Csv;
using Partnership.Cli.Services;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Returns.Typed;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership submit file.csv</c>: checks a return locally, then sends it whole.</summary>
internal static class SubmitCommand
{
    /// <summary>What is sent, and how the service's field violations point back at the file.</summary>
    /// <param name="UnchangedFromAsync">The current revision's number when the return says exactly what it says (sent only with --force).</param>
    private sealed record Sending(
        string Title,
        Func<ChannelBase, CallOptions, Task<IReadOnlyList<SubmitOutcome>>> SubmitAsync,
        Func<IEnumerable<BadRequest.Types.FieldViolation>, IReadOnlyList<CsvProblem>> ToProblems,
        Func<ChannelBase, CallOptions, Task<int?>>? UnchangedFromAsync = null);

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description = $"The return as CSV, or as an Excel workbook (.xlsx, its Return sheet or else its first), with the columns {string.Join(",", ReturnColumns.Template)} (any order; status, note and trend optional); a typed return (--return) has its own, printed by 'template'",
        };
        var service = CommonOptions.Service();
        var kind = CommonOptions.ReturnKind();
        var period = new Option<string?>("--period")
        {
            Description = "The return's period, needed when the rows are for several (e.g. FY2020/21-Q3, 2020-10..2020-12, 2020-12-31)",
        };
        var agency = new Option<string?>("--agency") { Description = "The submitting agency, recorded with the return" };
        var commission = CommonOptions.Commission();
        var force = new Option<bool>("--force") { Description = "Submit even when the return is the same as the revision the service holds (a new revision saying the same)" };
        var url = CommonOptions.Url(context);

        var command = new Command("submit", "Check a return in a CSV file or Excel workbook and submit it; nothing is sent while the file has problems")
        {
            file, service, kind, period, agency, commission, force, url,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var serviceName = result.GetRequiredValue(service);
            var agencyName = result.GetValue(agency) ?? "";
            if (ReturnServices.GetTyped(serviceName) is { } typed)
            {
                return RunTypedAsync(context, result.GetRequiredValue(file), typed, result.GetValue(kind), agencyName, result.GetRequiredValue(url), cancellationToken);
            }

            return RunAsync(
                context,
                result.GetRequiredValue(file),
                ReturnServices.Get(serviceName),
                result.GetValue(kind),
                result.GetValue(period),
                agencyName,
                result.GetValue(commission)?.Trim() ?? "",
                result.GetValue(force),
                result.GetRequiredValue(url),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string file, ReturnService service, string? kind, string? periodText, string agency, string commission, bool force, string url, CancellationToken cancellationToken)
    {
        if (kind is not null)
        {
            context.Error.WriteLine($"--return: the {service.Title} takes one kind of return; leave --return out.");
            return ExitCodes.Rejected;
        }

        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period) || !CommonOptions.CheckCommission(context, service, commission))
        {
            return ExitCodes.Rejected;
        }

        if (ReadFlat(context, file, MeasureCatalogue.Load(), period) is not { } read)
        {
            return ExitCodes.Rejected;
        }

        context.Out.WriteLine($"Read {read.Return.Observations.Count} observations for {read.Return.AreaCode}, {read.Return.Period.Label}, from {file}.");
        return await SendFlatAsync(context, read, service, agency, commission, force, url, inBatch: false, cancellationToken);
    }

    /// <summary>A return of one area and period read from a file, and how to point the service's problems back at it.</summary>
    internal sealed record FlatReturn(string File, CsvReturn Return, CsvReadResult Read);

    /// <summary>Reads a return from a CSV file or workbook; on problems lists them all and returns null.</summary>
    internal static FlatReturn? ReadFlat(CliContext context, string file, MeasureCatalogue catalogue, Period? period) =>
        Read(context, file, reader => new CsvReturnReader(catalogue).Read(reader, period), workbook => new XlsxReturnReader(catalogue).Read(workbook, period))
            is { Return: { } csvReturn } read
            ? new FlatReturn(file, csvReturn, read)
            : null;

    /// <summary>
    /// Sends a return read by <see cref="ReadFlat"/>, unless it says what the current revision says and
    /// <paramref name="force"/> is off. <paramref name="inBatch"/> leaves progress to the caller and
    /// reports an unchanged return as a skip rather than a warning.
    /// </summary>
    internal static Task<int> SendFlatAsync(
        CliContext context, FlatReturn read, ReturnService service, string agency, string commission, bool force, string url, bool inBatch, CancellationToken cancellationToken)
    {
        var toSend = read.Return.ToSend(agency) with { Source = commission };
        return SendAsync(context, read.File, url, inBatch, new Sending(
            service.Title,
            async (channel, options) => [await service.SubmitAsync(channel, toSend, options)],
            violations => [.. RejectionMapper.ToProblems(violations, toSend).Select(read.Read.Locate)],
            force ? null : async (channel, options) => UnchangedReturn.RevisionMatching(toSend, await service.GetCurrentAsync(channel, toSend, options), context.TokenAgency)), cancellationToken);
    }

    private static async Task<int> RunTypedAsync(
        CliContext context, string file, TypedReturnService service, string? kindName, string agency, string url, CancellationToken cancellationToken)
    {
        if (CommonOptions.TypedReturn(context, service, kindName) is not { } kind)
        {
            return ExitCodes.Rejected;
        }

        var rows = (IReadOnlyList<CsvRow>)[];
        TypedRequest? request = null;
        CsvReadResult ReadRows(Func<List<CsvProblem>, List<CsvProblem>, IReadOnlyList<CsvRow>?> table)
        {
            var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
            rows = table(problems, warnings) ?? [];
            request = problems.Count == 0 ? kind.Read(rows) : null;
            return new CsvReadResult(null, [.. problems.OrderBy(p => p.Line)]) { Warnings = warnings };
        }

        if (Read(
                context,
                file,
                reader => ReadRows((problems, warnings) => CsvTable.Read(reader, kind.Columns, problems, warnings)),
                workbook =>
                {
                    var cells = SheetCells.None;
                    return ReadRows((problems, warnings) => XlsxTable.Read(workbook, kind.Columns, problems, warnings, out cells)).LocatedBy(cells);
                }) is not { } read || request is null)
        {
            return ExitCodes.Rejected;
        }

        context.Out.WriteLine($"Read {rows.Count} rows of a {kind.Title} from {file}.");
        var lines = rows.Select(r => r.Line).ToList();
        return await SendAsync(context, file, url, inBatch: false, new Sending(
            service.Title,
            (channel, options) => request.SubmitAsync(channel, agency, options),
            violations => [.. RejectionMapper.ToProblems(violations, lines, kind.Columns, service.FieldColumns).Select(read.Locate)]), cancellationToken);
    }

    /// <summary>Reads the file, a workbook by its .xlsx name and CSV otherwise; on problems lists them all and returns null.</summary>
    private static CsvReadResult? Read(CliContext context, string file, Func<TextReader, CsvReadResult> readCsv, Func<Stream, CsvReadResult> readWorkbook)
    {
        var isWorkbook = XlsxTable.IsWorkbookName(file);
        if (!isWorkbook && WorkbookSignature.Describe(file) is { } workbook)
        {
            context.Error.WriteLine($"{file}: {workbook}.");
            return null;
        }

        CsvReadResult result;
        try
        {
            if (isWorkbook)
            {
                using var stream = File.OpenRead(file);
                result = readWorkbook(stream);
            }
            else
            {
                using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                result = readCsv(reader);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{file}: cannot read the file: {e.Message}");
            return null;
        }

        WriteProblems(context, file, result.Warnings);
        if (result.Problems.Count > 0)
        {
            WriteProblems(context, file, result.Problems);
            context.Error.WriteLine($"{Count(result.Problems.Count, "problem")} in {file}; nothing was sent.");
            return null;
        }

        return result;
    }

    private static Task<int> SendAsync(CliContext context, string file, string url, bool inBatch, Sending sending, CancellationToken cancellationToken) =>
        context.CallAsync(
            url,
            async (channel, options) =>
            {
                if (sending.UnchangedFromAsync is { } unchangedFrom && await unchangedFrom(channel, options) is { } revision)
                {
                    if (inBatch)
                    {
                        context.Out.WriteLine($"Skipped {file}: no change from revision {revision}.");
                    }
                    else
                    {
                        context.Error.WriteLine($"warning: {file} makes no change from revision {revision}, which the {sending.Title} holds now; nothing was sent. Pass --force to submit it again as a new revision.");
                    }

                    return ExitCodes.Unchanged;
                }

                var submitting = $"Submitting to the {sending.Title} at {url}...";
                if (!context.ShowsProgress && !inBatch)
                {
                    context.Out.WriteLine(submitting);
                }

                var outcomes = inBatch ? await sending.SubmitAsync(channel, options) : await context.WithProgressAsync(submitting, () => sending.SubmitAsync(channel, options));
                foreach (var outcome in outcomes)
                {
                    var source = outcome.Source.Length > 0 ? $" ({outcome.Source})" : "";
                    var accepted = $"return {outcome.ReturnId}{source}, revision {outcome.Revision}, {outcome.ObservationsAccepted} observations.";
                    context.Out.WriteLine(inBatch ? $"Accepted {file}: {accepted}" : $"Accepted: {accepted}");
                }

                return ExitCodes.Success;
            },
            cancellationToken,
            rejected => ReportRejection(context, file, url, sending, rejected));

    private static int ReportRejection(CliContext context, string file, string url, Sending sending, RpcException rejected)
    {
        var badRequest = rejected.StatusCode == StatusCode.InvalidArgument ? rejected.GetRpcStatus()?.GetDetail<BadRequest>() : null;
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return context.ReportRefusal(url, rejected);
        }

        var problems = sending.ToProblems(badRequest.FieldViolations);
        context.Error.WriteLine($"The {sending.Title} rejected the return; nothing was stored.");
        WriteProblems(context, file, problems);
        var total = ProblemCount.TotalOf(rejected.GetRpcStatus());
        var listed = total > problems.Count ? $" (the first {problems.Count:N0} are listed)" : "";
        context.Error.WriteLine($"{Count(total ?? problems.Count, "problem")} in {file}{listed}; fix them and submit the whole file again.");
        return ExitCodes.Rejected;
    }

    private static void WriteProblems(CliContext context, string file, IEnumerable<CsvProblem> problems)
    {
        foreach (var problem in problems)
        {
            context.Error.WriteLine(problem.Format(file));
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
