using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Storage;

namespace Partnership.Submissions.Storage;

/// <summary>
/// The tables every domain service keeps: returns with their revisions, their observations, the
/// outbox and the audit trail. Each service derives its own context (and so its own database).
/// </summary>
public abstract class SubmissionDbContext(DbContextOptions options) : DbContext(options), IVersionedSchema
{
    /// <summary>Append a step to change these tables; never edit a released one.</summary>
    public IReadOnlyList<SchemaStep> SchemaSteps =>
    [
        SchemaStep.CreateTables(1, "returns, observations and the outbox", ["returns", "observations", "outbox", .. ServiceTables]),
        SchemaStep.CreateTables(2, "the audit trail", "audit_trail"),
        new SchemaStep(3, "the outbox stores the event's bytes and content type", StoreEventBytesAsync),
        // West Yorkshire's returns, history, audit and waiting events move from the county code to the
        // force area code, so they read under the code every input now resolves to.
        SchemaStep.ReplaceCodes(4, "forces are stored under their police force area codes", Geography.RetiredCodes,
            [("returns", "AreaCode"), ("returns", "ReturnKey"), ("observations", "AreaCode"), ("audit_trail", "AreaCode"), ("audit_trail", "Detail"), .. ServiceAreaCodeColumns],
            [("outbox", "Data")]),
    ];

    /// <summary>A service's own columns that hold area codes, for the step that rewrites retired codes.</summary>
    protected virtual IEnumerable<(string Table, string Column)> ServiceAreaCodeColumns => [];

    /// <summary>
    /// Replaces the outbox's <c>Payload</c> (the event as protobuf JSON text) with <c>Data</c> and
    /// <c>ContentType</c>, so the dispatcher publishes what was stored as it is. A waiting event keeps
    /// its bytes: they are the UTF-8 of its JSON, which is what was published for it before.
    /// </summary>
    /// <remarks>
    /// Step 1 follows today's model, so a fresh database (or one <c>EnsureCreated</c> made in this
    /// release) already has the new columns and no <c>Payload</c>: like the aggregator's index steps,
    /// this step then does nothing, instead of freezing step 1 to the SQL it made before. Its SQL
    /// names the columns of that release and must not follow the model.
    /// </remarks>
    private static async Task StoreEventBytesAsync(DbContext db, CancellationToken cancellationToken)
    {
        var hasPayload = db.Database.IsNpgsql()
            ? "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'outbox' AND column_name = 'Payload'"
            : "SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('outbox') WHERE name = 'Payload'";
        if (await db.Database.SqlQueryRaw<int>(hasPayload).SingleAsync(cancellationToken) == 0)
        {
            return;
        }

        // Every event stored before this step was protobuf JSON. The defaults only fill the rows already
        // there: PostgreSQL drops them after; SQLite cannot drop a default, which is harmless, as every
        // insert names both columns.
        var sql = db.Database.IsNpgsql()
            ? """
              ALTER TABLE outbox ADD COLUMN "Data" bytea NOT NULL DEFAULT ''::bytea, ADD COLUMN "ContentType" text NOT NULL DEFAULT 'application/json';
              UPDATE outbox SET "Data" = convert_to("Payload", 'UTF8');
              ALTER TABLE outbox DROP COLUMN "Payload", ALTER COLUMN "Data" DROP DEFAULT, ALTER COLUMN "ContentType" DROP DEFAULT;
              """
            : """
              ALTER TABLE outbox ADD COLUMN "Data" BLOB NOT NULL DEFAULT x'';
              ALTER TABLE outbox ADD COLUMN "ContentType" TEXT NOT NULL DEFAULT 'application/json';
              UPDATE outbox SET "Data" = CAST("Payload" AS BLOB);
              ALTER TABLE outbox DROP COLUMN "Payload";
              """;
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    /// <summary>A service's own tables, which its first release created with the shared ones.</summary>
    protected virtual IEnumerable<string> ServiceTables => [];

    public DbSet<StoredReturn> Returns => Set<StoredReturn>();

    public DbSet<StoredObservation> Observations => Set<StoredObservation>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditTrail();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit trail is append-only: no code path of the exchange may rewrite or remove history.
    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only; entries cannot be changed or removed.");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredReturn>(entity =>
        {
            entity.ToTable("returns");
            entity.HasKey(r => r.Id);
            // Two racing submissions cannot both take the same revision number.
            entity.HasIndex(r => new { r.ReturnKey, r.Revision }).IsUnique();
            entity.HasIndex(r => new { r.AreaCode, r.PeriodKey });
            entity.HasIndex(r => r.PeriodKey);
            entity.Property(r => r.ReturnKey).HasMaxLength(200);
            entity.HasMany(r => r.Observations).WithOne().HasForeignKey(o => o.ReturnId);
        });

        modelBuilder.Entity<StoredObservation>(entity =>
        {
            entity.ToTable("observations");
            entity.HasKey(o => o.Id);
            entity.HasIndex(o => new { o.ReturnId, o.Ordinal }).IsUnique();
            entity.Property(o => o.Status).HasConversion<string>();
            entity.Property(o => o.Confidentiality).HasConversion<string>();
            entity.Property(o => o.Trend).HasConversion<string>();
            entity.Property(o => o.Value).HasPrecision(28, 9);
            entity.Property(o => o.Numerator).HasPrecision(28, 9);
            entity.Property(o => o.Denominator).HasPrecision(28, 9);
        });

        modelBuilder.Entity<AuditEntry>(entity =>
        {
            entity.ToTable("audit_trail");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.AreaCode, e.PeriodStart });
            entity.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
            entity.Property(e => e.Service).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.Agency).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.Subject).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.ClientAddress).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.AreaCode).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.PeriodLabel).HasMaxLength(AuditEntry.MaxText);
            entity.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxText);
        });

        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox");
            entity.HasKey(m => m.Id);
            entity.HasIndex(m => new { m.PublishedAtMs, m.NextAttemptAtMs });
            entity.HasIndex(m => m.ReturnId);
        });
    }
}
