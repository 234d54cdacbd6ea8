using Microsoft.EntityFrameworkCore;

namespace Partnership.Submissions.Storage;

/// <summary>
/// One ordered change to a service database's schema. Versions start at 1 and have no gaps; a step,
/// once released, never changes: a later change to the model is a new step.
/// </summary>
public sealed record SchemaStep(int Version, string Description, Func<DbContext, CancellationToken, Task> ApplyAsync)
{
    /// <summary>
    /// Step 1 of every database: the create script of the model (the provider's own DDL, exactly what
    /// <c>EnsureCreated</c> runs). It is the model's script only while it is the only step; the day a
    /// step 2 alters the model, step 1 must be frozen to the SQL it produced (see docs/decisions.md),
    /// which <c>SchemaMigratorTests</c> enforces by comparing a migrated database with the model.
    /// </summary>
    public static SchemaStep CreateModel { get; } = new(1, "create the model's tables", async (db, cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript(), cancellationToken));

    /// <summary>A step that runs SQL (the same for every provider, or chosen from <see cref="DbContext.Database"/>).</summary>
    public static SchemaStep Sql(int version, string description, string sql) =>
        new(version, description, async (db, cancellationToken) => await db.Database.ExecuteSqlRawAsync(sql, cancellationToken));
}

/// <summary>A context that declares its schema's steps; one that does not gets <see cref="SchemaStep.CreateModel"/> alone.</summary>
public interface IVersionedSchema
{
    IReadOnlyList<SchemaStep> SchemaSteps { get; }
}
