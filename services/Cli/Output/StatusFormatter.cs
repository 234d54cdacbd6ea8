using Partnership.Domain;

namespace Partnership.Cli.Output;

internal static class StatusFormatter
{
    public static void WriteTable(TextWriter output, AreaDefinition force, Period period, IReadOnlyList<ReturnStatusRow> rows)
    {
        output.WriteLine($"Returns for {force.Name} ({force.Code}), {period.Label}");
        var table = rows.Select(r => new[]
        {
            r.Service,
            string.IsNullOrEmpty(r.Source) ? $"{r.Area.Name} ({r.Area.Code})" : $"{r.Area.Name} ({r.Area.Code}) / {r.Source}",
            r.Stored is null ? "not received" : $"revision {r.Stored.Revision}",
            r.Stored is null ? "" : Minutes(r.Stored.SubmittedAt),
            r.Stored?.SubmittedBy ?? "",
            r.Stored is null ? "" : !r.Stored.Published ? "no: waiting in the outbox" : r.ReachedAggregator ? "yes" : r.Received is null ? "no: published, not yet applied" : $"no: holds revision {r.Received.Revision}",
        }).ToList();
        TextTable.Write(output, ["service", "area", "received", "when (UTC)", "by", "reached aggregator"], table);

        var missing = rows.Count(r => r.Stored is null);
        var pending = rows.Count(r => r.Stored is not null && !r.ReachedAggregator);
        output.WriteLine($"{rows.Count - missing} of {rows.Count} returns received; {missing} missing; {pending} not yet in the county report.");
    }

    public static string Minutes(string iso) =>
        DateTimeOffset.TryParse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : iso;
}
