using Microsoft.EntityFrameworkCore;

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
    ];

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
