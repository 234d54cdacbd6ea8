using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Partnership.Benchmarks;

/// <summary>A prepared INSERT with one parameter per column, bound by position: the cheapest way SQLite takes rows.</summary>
public sealed class RawInsert : IAsyncDisposable
{
    private readonly SqliteCommand _command;

    private RawInsert(SqliteCommand command) => _command = command;

    public static RawInsert Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
        {
            command.Parameters.Add("$" + column, SqliteType.Text);
        }

        command.Prepare();
        return new RawInsert(command);
    }

    public static object Text(decimal? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    /// <summary>Inserts one row; values in column order (a decimal as EF stores it, as invariant text).</summary>
    public Task<int> ExecuteAsync(CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                decimal d => Text(d),
                var v => v,
            };
        }

        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
