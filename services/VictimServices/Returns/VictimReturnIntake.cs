using Partnership.Domain;
using Partnership.Security;
using Partnership.Submissions;
using Partnership.Submissions.Portal;
using Partnership.Submissions.Validation;
using Partnership.VictimServices.Commissioning;

namespace Partnership.VictimServices.Returns;

/// <summary>
/// Takes a return into the shared pipeline. A provider's return must name a service commissioned for
/// its area in its window; the commission then scopes the return, so each provider has its own
/// revisions and the aggregator adds providers' figures for the force area. A gRPC call and a portal
/// upload come in here alike.
/// </summary>
public sealed class VictimReturnIntake(SubmissionPipeline<VictimServicesDbContext> pipeline, CommissioningRegister register)
    : IPortalIntake<VictimServicesDbContext>
{
    public string SourceLabel => "Commissioned service";

    /// <summary>Every service commissioned for the caller's areas in any year, as <c>partnership commissions</c> lists them.</summary>
    public async Task<IReadOnlyList<PortalSource>> SourcesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var sources = new List<PortalSource>();
        foreach (var area in caller.Areas.Order(StringComparer.Ordinal))
        {
            var services = await register.ListAsync(area, null, cancellationToken);
            sources.AddRange(services
                .GroupBy(s => s.Service.Id, StringComparer.Ordinal)
                .Where(g => sources.TrueForAll(known => known.Id != g.Key))
                .Select(g =>
                {
                    var latest = g.MaxBy(s => s.FinancialYear)!.Service;
                    var years = string.Join(", ", g.Select(s => s.FinancialYear).Distinct().Order().Select(y => Period.FinancialYear(y).Label));
                    return new PortalSource(g.Key, $"{g.Key}: {latest.Service}, {latest.Provider} ({area}, {years})");
                }));
        }

        return sources;
    }

    public async Task<AcceptedReturn> SubmitAsync(ReturnSubmission submission, CancellationToken cancellationToken)
    {
        // Who may submit is settled before the register is asked, so its answer tells an intruder nothing.
        await pipeline.AuthorizeAsync(submission, cancellationToken);
        if (!string.IsNullOrEmpty(submission.Source)
            && await register.FindAsync(submission.AreaCode, submission.Source, submission.Period, cancellationToken) is null)
        {
            throw new ReturnRejectedException([new FieldViolation(
                "commission_id",
                $"no service '{submission.Source}' is commissioned for {submission.AreaCode} in {submission.Period.Label}; ListCommissionedServices lists those that are")]);
        }

        return await pipeline.SubmitAsync(submission, cancellationToken);
    }
}
