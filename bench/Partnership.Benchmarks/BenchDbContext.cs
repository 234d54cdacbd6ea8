using Microsoft.EntityFrameworkCore;
using Partnership.Submissions.Storage;

namespace Partnership.Benchmarks;

/// <summary>A domain service's database as the pipeline keeps it (returns, observations, outbox).</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : SubmissionDbContext(options)
{
    public static BenchDbContext Open(string file) =>
        new(new DbContextOptionsBuilder<BenchDbContext>().UseSqlite($"Data Source={file};Pooling=True").Options);

    public static BenchDbContext OpenPostgres(string connectionString) =>
        new(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(connectionString).Options);
}
