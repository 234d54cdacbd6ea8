using System.CommandLine;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Status.V1;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership history</c>: every revision of one figure (measure x area x period), oldest first,
/// with which one is current, so a partner sees what was superseded and by whom.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var measure = new Option<string>("--measure") { Description = "The measure id, e.g. crime.total_recorded", Required = true };
        var area = new Option<string>("--area") { Description = "The area's GSS code", Required = true };
        var period = new Option<string>("--period") { Description = "The figure's period, e.g. FY2020/21-Q3", Required = true };
        var url = CommonOptions.Url(context);

        var command = new Command("history", "Show every revision of one figure: what each said, who submitted it, and which is current")
        {
            measure, area, period, url,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            context,
            result.GetRequiredValue(measure).Trim(),
            result.GetRequiredValue(area).Trim(),
            result.GetRequiredValue(period),
            result.GetRequiredValue(url),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string measure, string area, string periodText, string url, CancellationToken cancellationToken)
    {
        if (!CommonOptions.TryParsePeriod(context, "--period", periodText, out var period))
        {
            return ExitCodes.Rejected;
        }

        var request = new GetObservationHistoryRequest { MeasureId = measure, AreaCode = area, Period = period!.Value.ToContract() };
        return await context.CallAsync(
            url,
            async (channel, options) =>
            {
                var history = await new ReturnStatus.ReturnStatusClient(channel).GetObservationHistoryAsync(request, options);
                Write(context.Out, measure, area, period.Value.Label, history);
                return ExitCodes.Success;
            },
            cancellationToken);
    }

    private static void Write(TextWriter output, string measure, string area, string period, GetObservationHistoryResponse history)
    {
        output.WriteLine($"History of {measure} for {area}, {period}");
        var rows = history.Revisions.Select(r => new[]
        {
            string.IsNullOrEmpty(r.Source) ? r.Service : $"{r.Service} / {r.Source}",
            r.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FigureFormat.Of(r.Observation),
            r.Observation?.Status.ToString() ?? "",
            StatusFormatter.Minutes(r.SubmittedAt),
            r.SubmittedBy,
            InReport(r),
            r.ReturnId,
        }).ToList();
        TextTable.Write(output, ["service", "revision", "value", "status", "when (UTC)", "by", "in the report", "return"], rows);
        output.WriteLine($"{rows.Count} revisions.");
    }

    /// <summary>One row of a figure's history is current: the revision the report uses.</summary>
    private static string InReport(Contracts.Status.V1.ObservationRevision r) =>
        r.InReport ? "current"
        : r.Conflict.Length > 0 ? $"not used: {r.Conflict}"
        : r.Revision == r.LatestRevision ? "latest revision, without this figure"
        : $"superseded by revision {r.LatestRevision}";
}
