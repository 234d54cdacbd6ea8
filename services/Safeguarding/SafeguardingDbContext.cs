using Microsoft.EntityFrameworkCore;
using Partnership.Submissions.Storage;

namespace Partnership.Safeguarding;

/// <summary>The safeguarding service's own database: partners' returns, their revisions and the outbox.</summary>
public sealed class SafeguardingDbContext(DbContextOptions<SafeguardingDbContext> options) : SubmissionDbContext(options);
