using Microsoft.EntityFrameworkCore;
using Partnership.Submissions.Storage;

namespace Partnership.CrimeMeasures;

/// <summary>The crime measures service's own database: CSP returns, their revisions and the outbox.</summary>
public sealed class CrimeMeasuresDbContext(DbContextOptions<CrimeMeasuresDbContext> options) : SubmissionDbContext(options);
