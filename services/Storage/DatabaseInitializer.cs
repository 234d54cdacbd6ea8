using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Partnership.Storage;

/// <summary>Migrates the schema (<see cref="SchemaMigrator"/>) before the service takes traffic.</summary>
internal sealed class DatabaseInitializer<TContext>(IServiceProvider services) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the report read while a return is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SchemaMigrator.MigrateAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
