using Microsoft.EntityFrameworkCore;
using Partnership.Submissions.Storage;

namespace Partnership.JusticeBoard;

/// <summary>The justice board service's own database: the LCJB's returns (one per court for backlogs), their revisions and the outbox.</summary>
public sealed class JusticeBoardDbContext(DbContextOptions<JusticeBoardDbContext> options) : SubmissionDbContext(options);
