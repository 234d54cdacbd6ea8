using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// The statements <see cref="ReadModelWriter"/> sends as raw SQL (the upsert that claims a revision has
/// no LINQ form), with table and column names taken from the EF model, so a renamed column cannot
/// leave them behind. Each statement's values are read from an entity through the same properties
/// that name its columns, so columns and values cannot fall out of step either.
/// </summary>
internal sealed class ReadModelSql
{
    private readonly IReadOnlyList<IProperty> _claimed;
    private readonly IReadOnlyList<IProperty> _recorded;

    public ReadModelSql(ReportingDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var versions = Mapped<ReturnVersion>(db, sql);
        var events = Mapped<ProcessedEvent>(db, sql);
        var observations = Mapped<ReportObservation>(db, sql);
        _claimed = versions.Properties;
        _recorded = events.Properties;

        // The key identifies the return; a newer revision replaces what is held of it, nothing else.
        string[] replaced =
        [
            nameof(ReturnVersion.Revision), nameof(ReturnVersion.ReturnId), nameof(ReturnVersion.EventId),
            nameof(ReturnVersion.SubmittedBy), nameof(ReturnVersion.SubmittedAtMs), nameof(ReturnVersion.ReceivedAtMs),
        ];
        var key = string.Join(", ", versions.Entity.FindPrimaryKey()!.Properties.Select(versions.Column));
        var revision = versions.Column(versions.Entity.FindProperty(nameof(ReturnVersion.Revision))!);
        ClaimReturn =
            $"""
            INSERT INTO {versions.Table} ({string.Join(", ", _claimed.Select(versions.Column))})
            VALUES ({Placeholders(0, _claimed.Count)})
            ON CONFLICT ({key}) DO UPDATE SET
                {string.Join(", ", replaced.Select(name => versions.Column(versions.Entity.FindProperty(name)!)).Select(column => $"{column} = excluded.{column}"))}
            WHERE {versions.Table}.{revision} < excluded.{revision}
            """;

        RecordEvent = $"INSERT INTO {events.Table} ({string.Join(", ", _recorded.Select(events.Column))}) VALUES ({Placeholders(0, _recorded.Count)})";
        var returnKey = _recorded.Select((property, index) => (property, index)).Single(p => p.property.Name == nameof(ProcessedEvent.ReturnKey)).index;
        var rowsReturnKey = observations.Column(observations.Entity.FindProperty(nameof(ReportObservation.ReturnKey))!);
        ReplaceRowsAndRecordEvent = $"DELETE FROM {observations.Table} WHERE {rowsReturnKey} = {{{returnKey}}}; " + RecordEvent;
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

    public object[] ClaimValues(ReturnVersion version) => Values(_claimed, version);

    public object[] RecordValues(ProcessedEvent processed) => Values(_recorded, processed);

    // The values as the provider stores them (an enum converted to its name, say), in column order.
    // Every column these statements write is required, and raw SQL takes no null for a parameter.
    private static object[] Values(IReadOnlyList<IProperty> properties, object entity) =>
    [
        .. properties.Select(property =>
        {
            var value = property.GetGetter().GetClrValue(entity) ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no value.");
            return property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;
        }),
    ];

    private static string Placeholders(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(i => $"{{{i}}}"));

    private static Mapping Mapped<T>(DbContext db, ISqlGenerationHelper sql)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model of {db.GetType().Name}.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        return new Mapping(entity, StoreObjectIdentifier.Table(table, entity.GetSchema()), sql.DelimitIdentifier(table, entity.GetSchema()), sql);
    }

    private sealed record Mapping(IEntityType Entity, StoreObjectIdentifier Store, string Table, ISqlGenerationHelper Sql)
    {
        public IReadOnlyList<IProperty> Properties => [.. Entity.GetProperties()];

        public string Column(IProperty property) => Sql.DelimitIdentifier(property.GetColumnName(Store) ?? property.Name);
    }
}
