using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Partnership.Storage;

/// <summary>
/// Appends rows of one entity type in the context's current transaction without EF change tracking:
/// binary COPY on PostgreSQL, prepared multi-row INSERTs elsewhere (SQLite). Change tracking inserts
/// one statement per row and reads each generated key back, which made a large return ten times
/// slower than a raw insert (docs/performance.md). Tables, columns, types and value conversions come
/// from the EF model, so the rows are stored exactly as <c>SaveChanges</c> would store them; columns
/// the database generates (an identity key) are left to the database and not read back.
/// </summary>
public static class BulkInsert
{
    // Microsoft.Data.Sqlite binds parameters by name, at a cost that grows faster than their number:
    // statements of 50 or 200 rows of a dozen columns were slower than one row at a time; about ten
    // rows was the best measured (bench/Partnership.Benchmarks, --only ingest).
    private const int RowsPerStatement = 10;

    public static async Task AppendAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = TableOf<T>(db);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table, rows, cancellationToken);
        }
        else
        {
            await InsertAsync(connection, transaction, table, rows, db.Database.GetCommandTimeout(), cancellationToken);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        // COPY joins the transaction open on the connection, like any other statement.
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                if (column.Value.Of(row) is { } value)
                {
                    await importer.WriteAsync(value, column.StoreTypeBase, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertAsync<T>(
        DbConnection connection, DbTransaction? transaction, Table table, IReadOnlyList<T> rows, int? timeout, CancellationToken cancellationToken)
        where T : class
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                var command = count == RowsPerStatement ? full ??= Prepare(connection, transaction, table, count, timeout) : Prepare(connection, transaction, table, count, timeout);
                try
                {
                    var parameter = 0;
                    for (var r = start; r < start + count; r++)
                    {
                        foreach (var column in table.Columns)
                        {
                            command.Parameters[parameter++].Value = column.Value.Of(rows[r]) ?? DBNull.Value;
                        }
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                finally
                {
                    if (command != full)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, Table table, int rowCount, int? timeout)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (timeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                // The mapping sets the provider's type on the parameter (e.g. a Guid as SQLite text).
                command.Parameters.Add(table.Columns[c].Value.Mapping.CreateParameter(command, Table.ParameterName(r, c), null, table.Columns[c].Nullable));
            }
        }

        command.CommandText = table.InsertOf(rowCount);
        command.Prepare();
        return command;
    }

    // The model is built once per context type and provider, so its table description is too.
    private static Table TableOf<T>(DbContext db)
        where T : class => Tables<T>.ByModel.For(db);

    private static Table Describe<T>(DbContext db)
        where T : class
    {
        var mapped = MappedTable.Of<T>(db);
        var columns = mapped.Values
            // An identity key is numbered by the database; every other column is written.
            .Where(v => !(v.Property.IsKey() && v.Property.ValueGenerated != ValueGenerated.Never && (v.Property.ClrType == typeof(long) || v.Property.ClrType == typeof(int))))
            .Select(v => new Column(mapped.Column(v.Property), v, v.Property.IsNullable))
            .ToList();
        return new Table(mapped.Name, columns);
    }

    private static class Tables<T>
        where T : class
    {
        public static readonly ModelCache<Table> ByModel = new(Describe<T>);
    }

    private sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        private readonly ConcurrentDictionary<int, string> _inserts = new();

        /// <summary>The INSERT of <paramref name="rowCount"/> rows, parameters named <c>@p{row}_{column}</c>.</summary>
        public string InsertOf(int rowCount) => _inserts.GetOrAdd(rowCount, count =>
        {
            var values = Enumerable.Range(0, count).Select(r => $"({string.Join(", ", Columns.Select((_, c) => ParameterName(r, c)))})");
            return $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES {string.Join(", ", values)}";
        });

        public static string ParameterName(int row, int column) => $"@p{row}_{column}";
    }

    private sealed record Column(string Name, StoredValue Value, bool Nullable)
    {
        public string StoreTypeBase { get; } = Value.Mapping.StoreTypeNameBase;
    }
}
