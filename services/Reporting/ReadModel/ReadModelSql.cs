using System.Globalization;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// The statements <see cref="ReadModelWriter"/> sends as raw SQL (the upsert that claims a revision has
/// no LINQ form), with table and column names taken from the EF model, so a renamed column cannot
/// leave them behind. Each statement's values are read from an entity through the same properties
/// that name its columns, so columns and values cannot fall out of step either.
/// </summary>
internal sealed class ReadModelSql
{
    private readonly StoredValue[] _claimed;
    private readonly StoredValue[] _recorded;
    private readonly StoredValue[] _rows;

    public ReadModelSql(ReportingDbContext db)
    {
        var versions = MappedTable.Of<ReturnVersion>(db);
        var events = MappedTable.Of<ProcessedEvent>(db);
        var observations = MappedTable.Of<ReportObservation>(db);
        _claimed = [.. versions.Values];
        _recorded = [.. events.Values];

        // The key identifies the return; a newer revision replaces what is held of it, nothing else.
        string[] replaced =
        [
            nameof(ReturnVersion.Revision), nameof(ReturnVersion.ReturnId), nameof(ReturnVersion.EventId),
            nameof(ReturnVersion.SubmittedBy), nameof(ReturnVersion.SubmittedAtMs), nameof(ReturnVersion.ReceivedAtMs),
        ];
        var key = string.Join(", ", versions.Entity.FindPrimaryKey()!.Properties.Select(versions.Column));
        var revision = versions.Column(nameof(ReturnVersion.Revision));
        ClaimReturn =
            $"""
            INSERT INTO {versions.Name} ({Columns(versions, _claimed)})
            VALUES ({Placeholders(0, _claimed.Length)})
            ON CONFLICT ({key}) DO UPDATE SET
                {string.Join(", ", replaced.Select(versions.Column).Select(column => $"{column} = excluded.{column}"))}
            WHERE {versions.Name}.{revision} < excluded.{revision}
            """;

        RecordEvent = $"INSERT INTO {events.Name} ({Columns(events, _recorded)}) VALUES ({Placeholders(0, _recorded.Length)})";
        var returnKey = _recorded.Select((value, index) => (value, index)).Single(p => p.value.Property.Name == nameof(ProcessedEvent.ReturnKey)).index;
        var rowsReturnKey = observations.Column(nameof(ReportObservation.ReturnKey));
        ReplaceRowsAndRecordEvent = $"DELETE FROM {observations.Name} WHERE {rowsReturnKey} = {{{returnKey}}}; " + RecordEvent;

        // PostgreSQL's batch: positional parameters, each statement applying only if the claim that
        // precedes it in the batch made the return's row name this event (see ClaimedBy).
        _rows = [.. observations.Values.Where(v => !v.Property.IsPrimaryKey())];
        var eventId = _recorded.Select((value, index) => (value, index)).Single(p => p.value.Property.Name == nameof(ProcessedEvent.EventId)).index;
        var heldKey = versions.Column(nameof(ReturnVersion.ReturnKey));
        var heldEvent = versions.Column(nameof(ReturnVersion.EventId));
        var recordedEvent = events.Column(nameof(ProcessedEvent.EventId));
        string ClaimedBy(int key, int @event) =>
            $"EXISTS (SELECT 1 FROM {versions.Name} WHERE {heldKey} = ${key} AND {heldEvent} = ${@event}) " +
            $"AND NOT EXISTS (SELECT 1 FROM {events.Name} WHERE {recordedEvent} = ${@event})";
        BatchedClaim = Positional(ClaimReturn, _claimed.Length);
        BatchedDelete = $"DELETE FROM {observations.Name} WHERE {rowsReturnKey} = $1 AND {ClaimedBy(1, 2)}";
        BatchedInsertRows =
            $"INSERT INTO {observations.Name} ({Columns(observations, _rows)}) " +
            $"SELECT * FROM unnest({string.Join(", ", _rows.Select((_, i) => $"${i + 3}"))}) WHERE {ClaimedBy(1, 2)}";
        BatchedRecord =
            $"INSERT INTO {events.Name} ({Columns(events, _recorded)}) " +
            $"SELECT {string.Join(", ", _recorded.Select((_, i) => $"${i + 1}"))} WHERE {ClaimedBy(returnKey + 1, eventId + 1)}";
    }

    /// <summary>
    /// Makes a return's row hold this revision if it is newer than the one held (or the first), in
    /// one statement: affects one row when it did, none when a newer or the same revision is held.
    /// </summary>
    public string ClaimReturn { get; }

    /// <summary>Records an event with its outcome.</summary>
    public string RecordEvent { get; }

    /// <summary>The same, after deleting the rows of the return the event's revision replaces: one round trip.</summary>
    public string ReplaceRowsAndRecordEvent { get; }

    /// <summary><see cref="ClaimReturn"/> with PostgreSQL's positional parameters, first of the batch.</summary>
    public string BatchedClaim { get; }

    /// <summary>
    /// Deletes the return's rows (<c>$1</c>) if the claim before it in the batch made the event
    /// (<c>$2</c>) the return's held one; <see cref="BatchedInsertRows"/> and <see cref="BatchedRecord"/>
    /// follow under the same condition.
    /// </summary>
    /// <remarks>
    /// "The return's row names this event and the event is not recorded" is true exactly when this
    /// transaction's claim succeeded: the claim and the event's record commit together, so a row
    /// another transaction committed naming this event comes with its record (a second delivery of
    /// the event), and a row naming another event is a newer or the same revision held. The record
    /// is the batch's last statement, so it cannot hide the claim from the two before it. Each is
    /// its own statement with its own snapshot under read committed: the delete sees the rows of a
    /// revision that committed while the claim waited on its lock, where one statement would not.
    /// </remarks>
    public string BatchedDelete { get; }

    /// <summary>Inserts the rows from one array per column (<c>$3</c> on, <see cref="RowArrays"/>), under the claim's condition.</summary>
    public string BatchedInsertRows { get; }

    /// <summary>Records the event (<see cref="RecordValues"/>), under the claim's condition.</summary>
    public string BatchedRecord { get; }

    public object[] ClaimValues(ReturnVersion version) => Values(_claimed, version);

    /// <summary>One array per column of <see cref="BatchedInsertRows"/>, of the values as the provider stores them.</summary>
    public Array[] RowArrays(IReadOnlyList<ReportObservation> rows)
    {
        var arrays = new Array[_rows.Length];
        for (var c = 0; c < _rows.Length; c++)
        {
            arrays[c] = Array.CreateInstance(_rows[c].ClrType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                arrays[c].SetValue(_rows[c].Of(rows[i]), i);
            }
        }

        return arrays;
    }

    public object[] RecordValues(ProcessedEvent processed) => Values(_recorded, processed);

    // The values as the provider stores them (an enum converted to its name, say), in column order.
    // Every column these statements write is required, and raw SQL takes no null for a parameter.
    private static object[] Values(StoredValue[] columns, object entity)
    {
        var values = new object[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            values[c] = columns[c].Of(entity) ?? throw new InvalidOperationException($"{columns[c].Property.DeclaringType.DisplayName()}.{columns[c].Property.Name} has no value.");
        }

        return values;
    }

    // EF's {0} placeholders as PostgreSQL's $1.
    private static string Positional(string sql, int count) =>
        string.Format(CultureInfo.InvariantCulture, sql, [.. Enumerable.Range(1, count).Select(i => (object)$"${i}")]);

    private static string Placeholders(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(i => $"{{{i}}}"));

    private static string Columns(MappedTable table, StoredValue[] values) => string.Join(", ", values.Select(v => table.Column(v.Property)));
}
