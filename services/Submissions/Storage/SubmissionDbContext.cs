using Microsoft.EntityFrameworkCore;

namespace Partnership.Submissions.Storage;

/// <summary>
/// The tables every domain service keeps: returns with their revisions, their observations and the
/// outbox. Each service derives its own context (and so its own database).
/// </summary>
public abstract class SubmissionDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredReturn> Returns => Set<StoredReturn>();

    public DbSet<StoredObservation> Observations => Set<StoredObservation>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

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

        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox");
            entity.HasKey(m => m.Id);
            entity.HasIndex(m => new { m.PublishedAtMs, m.NextAttemptAtMs });
            entity.HasIndex(m => m.ReturnId);
        });
    }
}
