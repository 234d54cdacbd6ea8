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
            r.Timeliness is null ? "" : Day(r.Timeliness.DueDate),
            r.Timeliness is null ? "" : Lateness(r.Timeliness),
            r.Stored is null ? "" : !r.Stored.Published ? "no: waiting in the outbox" : r.ReachedAggregator ? "yes" : r.Received is null ? "no: published, not yet applied" : $"no: holds revision {r.Received.Revision}",
        }).ToList();
        TextTable.Write(output, ["service", "area", "received", "when (UTC)", "by", "due", "state", "reached aggregator"], table, width);

        var missing = rows.Count(r => r.Stored is null);
        var pending = rows.Count(r => r.Stored is not null && !r.ReachedAggregator);
        output.WriteLine($"{rows.Count - missing} of {rows.Count} returns received; {missing} missing; {pending} not yet in the county report.");
        WriteCalendarSummary(output, [.. rows.Select(r => r.Timeliness)]);
        WriteConflicts(output, rows);
    }

    /// <summary>
    /// A financial year as its quarters: each expected return's state per quarter, and whether the year
    /// is complete (all four quarters received, on time or late).
    /// </summary>
    public static void WriteYear(TextWriter output, AreaDefinition force, Period year, IReadOnlyList<Period> quarters, IReadOnlyList<IReadOnlyList<ReturnStatusRow>> rowsByQuarter, int? width = null)
    {
        output.WriteLine($"Returns for {force.Name} ({force.Code}), {year.Label}, by quarter");
        var keys = rowsByQuarter.SelectMany(q => q).Select(r => (r.Service, r.Area, r.Source)).Distinct().ToList();
        var table = new List<string[]>();
        var complete = 0;
        foreach (var key in keys)
        {
            var cells = rowsByQuarter.Select(q => q.FirstOrDefault(r => (r.Service, r.Area, r.Source) == key)).ToList();
            var received = cells.Count(c => c?.Stored is not null);
            complete += received == quarters.Count ? 1 : 0;
            table.Add([
                key.Service,
                string.IsNullOrEmpty(key.Source) ? $"{key.Area.Name} ({key.Area.Code})" : $"{key.Area.Name} ({key.Area.Code}) / {key.Source}",
                .. cells.Select(QuarterCell),
                received == quarters.Count ? "complete" : $"{received} of {quarters.Count} quarters",
            ]);
        }

        TextTable.Write(output, ["service", "area", .. quarters.Select(q => q.Label[^2..]), "year"], table, width);
        output.WriteLine($"{complete} of {keys.Count} returns complete for {year.Label}: every quarter received.");
        WriteCalendarSummary(output, [.. rowsByQuarter.SelectMany(q => q).Select(r => r.Timeliness)]);
    }

    private static string QuarterCell(ReturnStatusRow? row) => row switch
    {
        null => "not expected",
        { Timeliness: { } timeliness } => timeliness.State == ReturnState.Due ? $"due {Day(timeliness.DueDate)}" : Lateness(timeliness),
        { Stored: { } stored } => $"revision {stored.Revision}",
        _ => "not received",
    };

    private static void WriteCalendarSummary(TextWriter output, IReadOnlyList<ReturnTimeliness?> states)
    {
        if (states.All(s => s is null))
        {
            return;
        }

        int Count(ReturnState state) => states.Count(s => s?.State == state);
        output.WriteLine($"Against the return calendar: {Count(ReturnState.Received)} on time, {Count(ReturnState.ReceivedLate)} late, {Count(ReturnState.Due)} due, {Count(ReturnState.Overdue)} overdue, {Count(ReturnState.Missing)} missing.");
    }

    /// <summary>The state, with how many working days late a late, overdue or missing return is.</summary>
    public static string Lateness(ReturnTimeliness timeliness) =>
        timeliness.State is ReturnState.Received or ReturnState.Due || timeliness.WorkingDaysLate is not { } days
            ? ChaseList.StateName(timeliness.State)
            : $"{ChaseList.StateName(timeliness.State)} ({days} working day{(days == 1 ? "" : "s")})";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
