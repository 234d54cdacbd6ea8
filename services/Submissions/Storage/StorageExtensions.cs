using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Partnership.Submissions.Storage;

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
        return services;
    }

    public static DbContextOptionsBuilder UsePartnershipStore(this DbContextOptionsBuilder options, IConfiguration configuration, string databaseName)
    {
        var provider = configuration["Storage:Provider"] ?? "sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var directory = configuration["Storage:DataDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "data");
                Directory.CreateDirectory(directory);
                var sqlite = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(directory, databaseName + ".db"),
                    Pooling = true,
                    DefaultTimeout = 30,
                };
                options.UseSqlite(sqlite.ConnectionString);
                break;
            case "postgres":
            case "postgresql":
                var connectionString = configuration.GetConnectionString(databaseName)
                    ?? configuration["Storage:PostgresConnectionString"]
                    ?? throw new InvalidOperationException($"Storage:Provider is postgres but ConnectionStrings:{databaseName} is not set.");
                // One server, one database per service: each service owns its data.
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrEmpty(builder.Database) || configuration.GetConnectionString(databaseName) is null)
                {
                    builder.Database = databaseName.Replace('-', '_');
                }

                options.UseNpgsql(builder.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use sqlite or postgres.");
        }

        return options;
    }

    /// <summary>Whether a failed save broke a unique constraint (a race lost, or a duplicate delivery).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Creates the schema before the service takes traffic.</summary>
internal sealed class DatabaseInitializer<TContext>(IServiceProvider services) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the report read while a return is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
