using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;

namespace Partnership.Benchmarks;

/// <summary>
/// The aggregator's read model (its own schema, indexes included) filled with a dataset by a raw
/// batched insert: the report benchmarks measure reading it, not how it was filled.
/// </summary>
public static class ReadModelStore
{
    public static ReportingDbContext Open(string file) =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseSqlite($"Data Source={file};Pooling=True").Options);

    /// <summary>The read model's key of a generated figure's return: one per service, area and period.</summary>
    public static string ReturnKey(string service, string areaCode, Domain.Period period) => $"{service}|{areaCode}|{period.Key}";

    // One fixed time for every generated return, so two runs hold the same read model.
    private const long SubmittedAtMs = 1_700_000_000_000;

    public static async Task<(string File, List<ReportObservation> Rows)> BuildAsync(NationalDataset data, string directory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, $"read-model-{data.Forces}x-{Guid.NewGuid():N}.db");
        await using var db = Open(file);
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        var rows = new List<ReportObservation>();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = RawInsert.Prepare(connection, transaction, "observations",
            "ReturnKey", "ReturnId", "Revision", "MeasureId", "AreaCode", "PeriodKey", "Value", "Numerator", "Denominator", "Status", "Confidentiality", "Note", "Trend");
        // Every return the aggregator holds has its version row (ReadModelWriter writes both in one
        // transaction), and the report cache checks its figures against them: without them, a force's
        // second report would take every return for deleted and show no figures at all.
        await using var version = RawInsert.Prepare(connection, transaction, "return_versions",
            "ReturnKey", "SourceService", "AreaCode", "PeriodKey", "Revision", "ReturnId", "EventId", "SubmittedBy", "SubmittedAtMs", "ReceivedAtMs");
        var returns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figure in data.Figures())
        {
            var row = new ReportObservation
            {
                ReturnKey = ReturnKey(figure.Measure.Service, figure.AreaCode, figure.Period),
                ReturnId = $"{figure.Measure.Service}-{figure.AreaCode}-{figure.Period.Key}",
                Revision = 1,
                MeasureId = figure.Measure.Id,
                AreaCode = figure.AreaCode,
                PeriodKey = figure.Period.Key,
                Value = figure.Figure.Value,
                Numerator = figure.Figure.Numerator,
                Denominator = figure.Figure.Denominator,
            };
            rows.Add(row);
            if (returns.Add(row.ReturnKey))
            {
                await version.ExecuteAsync(cancellationToken, row.ReturnKey, figure.Measure.Service, row.AreaCode, row.PeriodKey, 1, row.ReturnId, $"event-{row.ReturnId}", "Benchmark", SubmittedAtMs, SubmittedAtMs);
            }

            await insert.ExecuteAsync(cancellationToken, row.ReturnKey, row.ReturnId, 1, row.MeasureId, row.AreaCode, row.PeriodKey,
                row.Value, row.Numerator, row.Denominator, "Final", "Free", "", "None");
        }

        await transaction.CommitAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        return (file, rows);
    }
}
