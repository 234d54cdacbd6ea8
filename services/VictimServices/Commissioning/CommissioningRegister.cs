using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Submissions.Security;
using Partnership.Submissions.Validation;

namespace Partnership.VictimServices.Commissioning;

/// <summary>
/// The register of commissioned services: each statement is stored as the next revision of its
/// force area and financial year (history is kept), and reads use the latest revision of each year.
/// </summary>
public sealed partial class CommissioningRegister(
    VictimServicesDbContext db,
    Geography geography,
    TimeProvider clock,
    ICallerContext callers,
    ILogger<CommissioningRegister> logger)
{
    private const int MaxRevisionAttempts = 5;

    public async Task<AcceptedCommissioning> SubmitAsync(CommissioningStatement statement, CancellationToken cancellationToken)
    {
        // Commissioning is the force's to state: the victim services submitter role, holding the force area.
        if (SubmissionAccess.DenialReason(callers.Current, Extensions.Identity, statement.ForceAreaCode) is { } denial)
        {
            throw new AccessDeniedException(denial);
        }

        var violations = new CommissioningValidator(geography).Validate(statement);
        if (violations.Count > 0)
        {
            throw new ReturnRejectedException(violations, "commissioning statement");
        }

        // Racing statements for one year both read the same last revision; the unique index lets one
        // win and the other takes the next number.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var revision = await StoreAsync(statement, cancellationToken);
                LogAccepted(statement.ForceAreaCode, statement.FinancialYear, revision, statement.Services.Count);
                var totals = FundingTotals.Calculate(statement.Services.Select(s => new CommissionedServiceView(s, statement.ForceAreaCode, statement.FinancialYear, revision)));
                return new AcceptedCommissioning(revision, statement.Services.Count, totals);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < MaxRevisionAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The services of the latest revision of each financial year (or of one year).</summary>
    public async Task<IReadOnlyList<CommissionedServiceView>> ListAsync(string forceAreaCode, int? financialYear, CancellationToken cancellationToken)
    {
        var revisions = await db.CommissioningRevisions.AsNoTracking()
            .Where(r => r.ForceAreaCode == forceAreaCode && (financialYear == null || r.FinancialYear == financialYear))
            .Include(r => r.Services)
            .ToListAsync(cancellationToken);
        return [.. revisions
            .GroupBy(r => r.FinancialYear)
            .Select(g => g.MaxBy(r => r.Revision)!)
            .OrderBy(r => r.FinancialYear)
            .SelectMany(r => r.Services.OrderBy(s => s.Ordinal).Select(s => new CommissionedServiceView(s.ToDomain(), r.ForceAreaCode, r.FinancialYear, r.Revision)))];
    }

    public async Task<IReadOnlyList<FundingTotal>> TotalsAsync(string forceAreaCode, int? financialYear, CancellationToken cancellationToken) =>
        FundingTotals.Calculate(await ListAsync(forceAreaCode, financialYear, cancellationToken));

    /// <summary>The commissioned service a provider's return names, if it is commissioned for the area at any time in the window.</summary>
    public async Task<CommissionedServiceView?> FindAsync(string forceAreaCode, string commissionId, Period period, CancellationToken cancellationToken)
    {
        var services = await ListAsync(forceAreaCode, null, cancellationToken);
        return services
            .Where(s => s.Service.Id == commissionId && s.Service.CoversAnyOf(period.Start, period.End))
            .MaxBy(s => s.FinancialYear);
    }

    private async Task<int> StoreAsync(CommissioningStatement statement, CancellationToken cancellationToken)
    {
        var revision = (await db.CommissioningRevisions
            .Where(r => r.ForceAreaCode == statement.ForceAreaCode && r.FinancialYear == statement.FinancialYear)
            .MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0) + 1;
        var now = clock.GetUtcNow();
        var stored = new CommissioningRevision
        {
            Id = Guid.CreateVersion7(now),
            ForceAreaCode = statement.ForceAreaCode,
            FinancialYear = statement.FinancialYear,
            Revision = revision,
            SubmittedBy = statement.SubmittedBy,
            SubmittedAt = now,
        };
        stored.Services.AddRange(statement.Services.Select((s, ordinal) => new CommissionedServiceRow
        {
            RevisionId = stored.Id,
            Ordinal = ordinal,
            CommissionId = s.Id,
            Provider = s.Provider,
            Service = s.Service,
            FundingStream = s.FundingStream,
            AmountAwarded = s.AmountAwarded,
            AmountAllocated = s.AmountAllocated,
            ContractStart = s.ContractStart,
            ContractEnd = s.ContractEnd,
        }));
        db.CommissioningRevisions.Add(stored);
        await db.SaveChangesAsync(cancellationToken);

        return revision;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted commissioning for {Area} FY{Year} as revision {Revision} ({Count} services)")]
    private partial void LogAccepted(string area, int year, int revision, int count);
}
