using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partnership.Storage;

/// <summary>
/// Not ready while the service's database refuses writes. After a refused write it tries a harmless
/// write of its own on each probe, so the service is ready again as soon as the database is
/// writable, even with no partner traffic routed to it meanwhile.
/// </summary>
internal sealed class DatabaseWriteHealthCheck<TContext>(DatabaseWriteState<TContext> state, IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Failure is null)
        {
            return HealthCheckResult.Healthy();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        try
        {
            await ProbeAsync(db, cancellationToken);
            state.Succeeded();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            state.Failed(ex);
        }

        var failure = state.Failure;
        return HealthCheckResult.Unhealthy(string.Create(
            CultureInfo.InvariantCulture,
            $"the {state.Database} database refuses writes ({failure?.Reason}) since {failure?.Since:O}; no return can be stored"));
    }

    /// <summary>
    /// A row inserted and deleted again, committed: a rolled-back write would prove nothing on SQLite,
    /// which writes nothing to disk before a commit. Version -1 is no step's, and is never seen.
    /// </summary>
    private static async Task ProbeAsync(TContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {SchemaMigrator.VersionTable} (version, description, applied_at) VALUES (-1, 'write probe', '')",
            cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {SchemaMigrator.VersionTable} WHERE version = -1", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
