using Partnership.Contracts;
using Partnership.Domain;

namespace Partnership.Cli.Output;

internal static class StatusFormatter
{
    public static void WriteTable(TextWriter output, AreaDefinition force, Period period, IReadOnlyList<ReturnStatusRow> rows, int? width = null)
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
        TextTable.Write(output, ["service", "area", "received", "when (UTC)", "by", "reached aggregator"], table, width);

        var missing = rows.Count(r => r.Stored is null);
        var pending = rows.Count(r => r.Stored is not null && !r.ReachedAggregator);
        output.WriteLine($"{rows.Count - missing} of {rows.Count} returns received; {missing} missing; {pending} not yet in the county report.");
        WriteConflicts(output, rows);
    }

    /// <summary>Figures two returns claim: each submitter sees the other return and both figures, and which one the report uses.</summary>
    private static void WriteConflicts(TextWriter output, IReadOnlyList<ReturnStatusRow> rows)
    {
        var conflicted = rows.Where(r => r.Stored is { Conflicts.Count: > 0 }).ToList();
        if (conflicted.Count == 0)
        {
            return;
        }

        output.WriteLine("Conflicts: figures another return also claims (the report uses one of them, never the sum):");
        foreach (var row in conflicted)
        {
            foreach (var c in row.Stored!.Conflicts)
            {
                var period = c.Period.TryToDomain(out var p, out _) ? p.Label : c.Period.Label;
                output.WriteLine($"  {row.Area.Name} ({row.Area.Code}) {row.Service}: {c.MeasureId} {period}: this return (revision {row.Stored.Revision}) gives {FigureFormat.Of(c.Observation)}{(c.Used ? ", used" : ", not used")}; "
                    + $"return {c.OtherReturnKey} (revision {c.OtherRevision}, by {c.OtherSubmittedBy}) gives {FigureFormat.Of(c.OtherObservation)}{(c.Used ? ", not used" : ", used")}.");
            }
        }
    }

    /// <summary>Tells the submitter where a figure sent for the whole period differs from what its own shorter windows add up to.</summary>
    public static void WriteWindowDifferences(TextWriter output, Geography geography, Period period, IReadOnlyList<Contracts.Status.V1.WindowDifference> differences)
    {
        foreach (var d in differences)
        {
            var area = geography.TryGet(d.AreaCode, out var known) ? $"{known.Name} ({d.AreaCode})" : d.AreaCode;
            var who = string.IsNullOrEmpty(d.Source) ? area : $"{area} / {d.Source}";
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{who}, {d.MeasureId}: submitted {d.Submitted.ToDecimal()} for {period.Label}, but {string.Join(" + ", d.TiledFrom)} add up to {d.Tiled.ToDecimal()}; the report uses the submitted figure."));
        }
    }

    public static string Minutes(string iso) =>
        DateTimeOffset.TryParse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : iso;
}
