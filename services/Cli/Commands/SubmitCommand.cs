using System.CommandLine;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Partnership.Cli.Csv;
using Partnership.Cli.Services;
using Partnership.Domain;

namespace Partnership.Cli.Commands;

/// <summary><c>partnership submit file.csv</c>: checks a return locally, then sends it whole.</summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description = $"The return as CSV with the columns {string.Join(",", ReturnColumns.Template)} (any order; status, note and trend optional)",
        };
        var service = CommonOptions.Service();
        var period = new Option<string?>("--period")
        {
            Description = "The return's period, needed when the rows are for several (e.g. FY2020/21-Q3, 2020-10..2020-12, 2020-12-31)",
        };
        var agency = new Option<string?>("--agency") { Description = "The submitting agency, recorded with the return" };
        var commission = CommonOptions.Commission();
        var url = CommonOptions.Url(context);

        var command = new Command("submit", "Check a return in a CSV file and submit it; nothing is sent while the file has problems")
        {
            file, service, period, agency, commission, url,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context,
            result.GetRequiredValue(file),
            ReturnServices.Get(result.GetRequiredValue(service)),
            result.GetValue(period),
            result.GetValue(agency) ?? "",
            result.GetValue(commission)?.Trim() ?? "",
            result.GetRequiredValue(url),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string file, ReturnService service, string? periodText, string agency, string commission, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period) || !CommonOptions.CheckCommission(context, service, commission))
        {
            return ExitCodes.Rejected;
        }

        if (Read(context, file, period) is not { } csvReturn)
        {
            return ExitCodes.Rejected;
        }

        context.Out.WriteLine($"Read {csvReturn.Observations.Count} observations for {csvReturn.AreaCode}, {csvReturn.Period.Label}, from {file}.");
        var toSend = csvReturn.ToSend(agency) with { Source = commission };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                context.Out.WriteLine($"Submitting to the {service.Title} at {url}...");
                var outcome = await service.SubmitAsync(channel, toSend, options);
                context.Out.WriteLine($"Accepted: return {outcome.ReturnId}, revision {outcome.Revision}, {outcome.ObservationsAccepted} observations.");
                return ExitCodes.Success;
            },
            cancellationToken,
            rejected => ReportRejection(context, file, service, url, toSend, rejected));
    }

    private static CsvReturn? Read(CliContext context, string file, Period? period)
    {
        CsvReadResult result;
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            result = new CsvReturnReader(MeasureCatalogue.Load()).Read(reader, period);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{file}: cannot read the file: {e.Message}");
            return null;
        }

        if (result.Return is null)
        {
            WriteProblems(context, file, result.Problems);
            context.Error.WriteLine($"{Count(result.Problems.Count, "problem")} in {file}; nothing was sent.");
        }

        return result.Return;
    }

    private static int ReportRejection(CliContext context, string file, ReturnService service, string url, ReturnToSend sent, RpcException rejected)
    {
        var badRequest = rejected.StatusCode == StatusCode.InvalidArgument ? rejected.GetRpcStatus()?.GetDetail<BadRequest>() : null;
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return context.ReportRefusal(url, rejected);
        }

        var problems = RejectionMapper.ToProblems(badRequest.FieldViolations, sent);
        context.Error.WriteLine($"The {service.Title} rejected the return; nothing was stored.");
        WriteProblems(context, file, problems);
        context.Error.WriteLine($"{Count(problems.Count, "problem")} in {file}; fix them and submit the whole file again.");
        return ExitCodes.Rejected;
    }

    private static void WriteProblems(CliContext context, string file, IEnumerable<CsvProblem> problems)
    {
        foreach (var problem in problems)
        {
            context.Error.WriteLine(problem.Format(file));
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
