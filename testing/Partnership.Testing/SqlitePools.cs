using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.Testing;

/// <summary>
/// Clears only the SQLite connection pools a test's own contexts used. Clearing every pool in the
/// process (<see cref="SqliteConnection.ClearAllPools"/>) while test classes run in parallel can dispose
/// the native handle of a connection another test has just opened (a race inside Microsoft.Data.Sqlite's
/// reclaim of leaked connections: "Cannot access a disposed object. Object name: 'SQLitePCL.sqlite3'").
/// </summary>
public static class SqlitePools
{
    /// <summary>The connection strings of the SQLite contexts of these types, each naming one pool; read while the services are alive.</summary>
    public static IReadOnlyList<string> Of(IServiceProvider services, IEnumerable<Type> contexts)
    {
        using var scope = services.CreateScope();
        return [.. contexts
            .Select(type => (DbContext)scope.ServiceProvider.GetRequiredService(type))
            .Where(db => db.Database.IsSqlite())
            .Select(db => db.Database.GetConnectionString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The connection strings of these SQLite contexts.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<DbContext> contexts) =>
        [.. contexts.Where(db => db.Database.IsSqlite()).Select(db => db.Database.GetConnectionString()).OfType<string>().Distinct(StringComparer.Ordinal)];

    public static void Clear(IEnumerable<string> connectionStrings)
    {
        foreach (var connectionString in connectionStrings)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
