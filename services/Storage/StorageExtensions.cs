using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers a service's database. <c>Storage:Provider</c> chooses <c>sqlite</c> (the default: a
    /// file named after the database under <c>Storage:DataDirectory</c>) or <c>postgres</c> (the
    /// connection string <c>ConnectionStrings:{databaseName}</c>).
    /// </summary>
    public static IServiceCollection AddPartnershipDatabase<TContext>(this IServiceCollection services, IConfiguration configuration, string databaseName)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>(options => options.UsePartnershipStore(configuration, databaseName));
        services.AddHostedService<DatabaseInitializer<TContext>>();
        // Readiness (/readyz and gRPC health) includes being able to reach this database.
        services.AddHealthChecks().AddDbContextCheck<TContext>(databaseName + "-database", tags: ["ready"]);
        // ... and its writes succeeding: read-only files or a revoked grant still let it connect.
        services.AddSingleton(sp => new DatabaseWriteState<TContext>(
            databaseName, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<DatabaseWriteState<TContext>>>()));
        services.AddHealthChecks().AddCheck<DatabaseWriteHealthCheck<TContext>>(databaseName + "-writes", tags: ["ready"]);
        return services;
    }

    public static DbContextOptionsBuilder UsePartnershipStore(this DbContextOptionsBuilder options, IConfiguration configuration, string databaseName)
    {
        // An optional prefix keeps several deployments (or test runs) apart on one server or directory.
        var name = (configuration["Storage:DatabasePrefix"] ?? "") + databaseName;
        var provider = configuration["Storage:Provider"] ?? "sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var directory = configuration["Storage:DataDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "data");
                Directory.CreateDirectory(directory);
                var sqlite = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(directory, name + ".db"),
                    Pooling = true,
                    // How long a statement waits on another writer's lock before failing as busy
                    // (which the aggregator answers with RETRY). Storage:SqliteBusyTimeoutSeconds.
                    // SqliteConnectionSettings makes SQLite do the waiting, in milliseconds, not 150 ms sleeps.
                    DefaultTimeout = configuration.GetValue("Storage:SqliteBusyTimeoutSeconds", 30),
                };
                options.UseSqlite(sqlite.ConnectionString)
                    // One writer at a time per file in this process, taken by EF's transactions themselves.
                    .AddInterceptors(SqliteConnectionSettings.Instance, SqliteWriteGateInterceptor.Instance);
                break;
            case "postgres":
            case "postgresql":
                options.UseNpgsql(PostgresConnectionString(configuration, databaseName, name));
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use sqlite or postgres.");
        }

        return options;
    }

    /// <summary>
    /// <c>ConnectionStrings:{databaseName}</c> when a deployment names each database; otherwise one server
    /// from <c>Storage:PostgresConnectionString</c> with a database per service, so each service still owns its data.
    /// </summary>
    private static string PostgresConnectionString(IConfiguration configuration, string databaseName, string name)
    {
        if (configuration.GetConnectionString(databaseName) is { Length: > 0 } explicitString)
        {
            return explicitString;
        }

        var server = configuration["Storage:PostgresConnectionString"]
            ?? throw new InvalidOperationException($"Storage:Provider is postgres but neither ConnectionStrings:{databaseName} nor Storage:PostgresConnectionString is set.");
        return new NpgsqlConnectionStringBuilder(server) { Database = name.Replace('-', '_') }.ConnectionString;
    }
}
