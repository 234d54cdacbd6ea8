using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Editions;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>The aggregator's own read model: the latest revision of every return it has been sent, and who read restricted figures.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options), IVersionedSchema
{
    /// <summary>Append a step to change these tables; never edit a released one.</summary>
    public IReadOnlyList<SchemaStep> SchemaSteps { get; } =
    [
        SchemaStep.CreateTables(1, "processed events, return versions and observations", "processed_events", "return_versions", "observations"),
        SchemaStep.CreateTables(2, "dead letters", "dead_letters"),
        // The report reads every row of a force's areas and the rollup carries force figures forward by
        // area and measure: without this index both scan the whole table (0.7 s at national scale, see
        // docs/performance.md). IF NOT EXISTS because step 1 creates it too on a fresh database (it
        // follows today's model); on a database from an earlier release this step adds it.
        SchemaStep.Sql(3, "observations indexed by area and measure", "CREATE INDEX IF NOT EXISTS \"IX_observations_AreaCode_MeasureId\" ON observations (\"AreaCode\", \"MeasureId\")"),
        // Every report checks which revision of each of its force's returns is held (ForceFiguresCache):
        // by area, answered from the index alone.
        SchemaStep.Sql(4, "return versions indexed by area", "CREATE INDEX IF NOT EXISTS \"IX_return_versions_AreaCode_ReturnKey_Revision\" ON return_versions (\"AreaCode\", \"ReturnKey\", \"Revision\")"),
        SchemaStep.CreateTables(5, "read audit: reads of restricted and safeguarding figures", "read_audit"),
        // The read model follows the domain services' step 4: West Yorkshire under its force area code.
        SchemaStep.ReplaceCodes(6, "forces are stored under their police force area codes", Geography.RetiredCodes,
            [
                ("return_versions", "AreaCode"), ("return_versions", "ReturnKey"), ("observations", "AreaCode"), ("observations", "ReturnKey"),
                ("processed_events", "ReturnKey"), ("dead_letters", "ReturnKey"), ("dead_letters", "Payload"), ("read_audit", "AreaCode"),
            ],
            []),
        SchemaStep.CreateTables(7, "national figures: published force-level tables, apart from partners' returns", "national_figures"),
        SchemaStep.CreateTables(8, "editions of the delivery report and their audit trail", "editions", "edition_audit"),
        SchemaStep.CreateTables(9, "the editor's commentary on editions", "edition_commentary"),
        SchemaStep.CreateTables(10, "corrected versions of published editions", "edition_corrections"),
    ];

    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    public DbSet<ReturnVersion> ReturnVersions => Set<ReturnVersion>();

    public DbSet<ReportObservation> Observations => Set<ReportObservation>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    public DbSet<ReadAuditEntry> ReadAudit => Set<ReadAuditEntry>();

    public DbSet<NationalFigure> NationalFigures => Set<NationalFigure>();

    public DbSet<Edition> Editions => Set<Edition>();

    public DbSet<EditionAuditEntry> EditionAudit => Set<EditionAuditEntry>();

    public DbSet<EditionCommentary> Commentary => Set<EditionCommentary>();
    public DbSet<EditionCorrection> EditionCorrections => Set<EditionCorrection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProcessedEvent>(entity =>
        {
            entity.ToTable("processed_events");
            entity.HasKey(e => e.EventId);
            entity.Property(e => e.Outcome).HasConversion<string>();
        });

        modelBuilder.Entity<ReturnVersion>(entity =>
        {
            entity.ToTable("return_versions");
            entity.HasKey(r => r.ReturnKey);
            entity.HasIndex(r => new { r.AreaCode, r.ReturnKey, r.Revision });
        });

        modelBuilder.Entity<DeadLetter>(entity =>
        {
            entity.ToTable("dead_letters");
            entity.HasKey(d => d.MessageId);
            entity.HasIndex(d => d.ReceivedAtMs);
        });

        modelBuilder.Entity<ReadAuditEntry>(entity =>
        {
            entity.ToTable("read_audit");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.AreaCode, e.PeriodStart });
            entity.Property(e => e.Agency).HasMaxLength(ReadAuditEntry.MaxText);
            entity.Property(e => e.Subject).HasMaxLength(ReadAuditEntry.MaxText);
            entity.Property(e => e.ClientAddress).HasMaxLength(ReadAuditEntry.MaxText);
            entity.Property(e => e.AreaCode).HasMaxLength(ReadAuditEntry.MaxText);
            entity.Property(e => e.PeriodLabel).HasMaxLength(ReadAuditEntry.MaxText);
            entity.Property(e => e.Call).HasMaxLength(ReadAuditEntry.MaxText);
        });

        modelBuilder.Entity<NationalFigure>(entity =>
        {
            entity.ToTable("national_figures");
            entity.HasKey(f => f.Id);
            entity.HasIndex(f => new { f.MeasureId, f.PeriodStart, f.PeriodEnd });
            entity.HasIndex(f => f.Publication);
            entity.Property(f => f.AreaCode).HasMaxLength(NationalFigure.MaxText);
            entity.Property(f => f.MeasureId).HasMaxLength(NationalFigure.MaxText);
            entity.Property(f => f.Publication).HasMaxLength(NationalFigure.MaxText);
            entity.Property(f => f.Value).HasPrecision(28, 9);
        });

        modelBuilder.Entity<Edition>(entity =>
        {
            entity.ToTable("editions");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.ForceAreaCode, e.PeriodKey, e.State });
            entity.HasIndex(e => new { e.State, e.EmbargoMs });
            entity.Property(e => e.State).HasConversion<string>().HasMaxLength(Edition.MaxText);
            entity.Property(e => e.Version).IsConcurrencyToken();
            entity.Property(e => e.ForceAreaCode).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.PeriodKey).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.PeriodLabel).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.Comparisons).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.Title).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.Notes).HasMaxLength(Edition.MaxNotes);
            entity.Property(e => e.CreatedBy).HasMaxLength(Edition.MaxText);
            entity.Property(e => e.SignedOffBy).HasMaxLength(Edition.MaxText);
        });

        modelBuilder.Entity<EditionAuditEntry>(entity =>
        {
            entity.ToTable("edition_audit");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.AreaCode, e.PeriodStart });
            entity.HasOne(e => e.Edition).WithMany().HasForeignKey(e => e.EditionId);
            entity.Property(e => e.Action).HasConversion<string>().HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.Agency).HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.Subject).HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.ClientAddress).HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.AreaCode).HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.PeriodLabel).HasMaxLength(EditionAuditEntry.MaxText);
            entity.Property(e => e.Detail).HasMaxLength(EditionAuditEntry.MaxText);
        });

        modelBuilder.Entity<EditionCommentary>(entity =>
        {
            entity.ToTable("edition_commentary");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => new { c.EditionId, c.Kind, c.Key }).IsUnique();
            entity.HasOne(c => c.Edition).WithMany().HasForeignKey(c => c.EditionId);
            entity.Property(c => c.Kind).HasConversion<string>().HasMaxLength(Edition.MaxText);
            entity.Property(c => c.Key).HasMaxLength(Edition.MaxText);
            entity.Property(c => c.Text).HasMaxLength(EditionCommentary.MaxText);
            entity.Property(c => c.WrittenBy).HasMaxLength(Edition.MaxText);
        });

        modelBuilder.Entity<EditionCorrection>(entity =>
        {
            entity.ToTable("edition_corrections");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => new { c.EditionId, c.Number }).IsUnique();
            entity.HasOne(c => c.Edition).WithMany().HasForeignKey(c => c.EditionId);
            entity.Property(c => c.IssuedBy).HasMaxLength(Edition.MaxText);
            entity.Property(c => c.Reason).HasMaxLength(EditionCorrection.MaxReason);
        });

        modelBuilder.Entity<ReportObservation>(entity =>
        {
            entity.ToTable("observations");
            entity.HasKey(o => o.Id);
            entity.HasIndex(o => o.ReturnKey);
            entity.HasIndex(o => new { o.PeriodKey, o.AreaCode });
            entity.HasIndex(o => new { o.AreaCode, o.MeasureId });
            entity.Property(o => o.Status).HasConversion<string>();
            entity.Property(o => o.Confidentiality).HasConversion<string>();
            entity.Property(o => o.Trend).HasConversion<string>();
            entity.Property(o => o.Value).HasPrecision(28, 9);
            entity.Property(o => o.Numerator).HasPrecision(28, 9);
            entity.Property(o => o.Denominator).HasPrecision(28, 9);
        });
    }
}
