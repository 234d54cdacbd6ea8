using Microsoft.EntityFrameworkCore;
using Partnership.Submissions.Storage;
using Partnership.VictimServices.Commissioning;

namespace Partnership.VictimServices;

/// <summary>
/// The victim services service's own database: providers' and the force's returns with their
/// revisions and the outbox (shared tables), plus the commissioning statements.
/// </summary>
public sealed class VictimServicesDbContext(DbContextOptions<VictimServicesDbContext> options) : SubmissionDbContext(options)
{
    protected override IEnumerable<string> ServiceTables => ["commissioning_revisions", "commissioned_services"];

    protected override IEnumerable<(string Table, string Column)> ServiceAreaCodeColumns => [("commissioning_revisions", "ForceAreaCode")];

    public DbSet<CommissioningRevision> CommissioningRevisions => Set<CommissioningRevision>();

    public DbSet<CommissionedServiceRow> CommissionedServices => Set<CommissionedServiceRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CommissioningRevision>(entity =>
        {
            entity.ToTable("commissioning_revisions");
            entity.HasKey(r => r.Id);
            entity.HasIndex(r => new { r.ForceAreaCode, r.FinancialYear, r.Revision }).IsUnique();
            entity.HasMany(r => r.Services).WithOne().HasForeignKey(s => s.RevisionId);
        });

        modelBuilder.Entity<CommissionedServiceRow>(entity =>
        {
            entity.ToTable("commissioned_services");
            entity.HasKey(s => s.Id);
            entity.HasIndex(s => s.CommissionId);
            entity.Property(s => s.AmountAwarded).HasPrecision(18, 2);
            entity.Property(s => s.AmountAllocated).HasPrecision(18, 2);
        });
    }
}
