using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Submissions.Storage;
using Partnership.Testing;

namespace Partnership.Security.Tests;

/// <summary>
/// Every domain service and the aggregator in one in-memory host, trusting the development issuer.
/// Calls carry only the token a test gives. A test catalogue adds a restricted crime measure, so
/// reading restricted figures can be tried.
/// </summary>
public static class SecureExchange
{
    public const string RestrictedMeasure = "crime.test_restricted";

    public static Task<ExchangeHost> StartAsync() => ExchangeHost.StartAsync(ExchangeServices.All, new ExchangeOptions
    {
        SignedIn = false,
        ExtraCatalogue = $$"""
            [{ "id": "{{RestrictedMeasure}}", "name": "A partners-only count", "unit": "count", "polarity": "monitor", "rule": "sum",
               "cadences": ["quarter"], "service": "crime-measures", "defaultConfidentiality": "restricted",
               "disclosure": { "threshold": 5 } }]
            """,
        // A failure the suite finds should say what threw, not just UNKNOWN.
        DetailedErrors = true,
    });

    public static CallOptions As(string? token) =>
        new(token is null ? null : new Metadata { { "authorization", TestTokens.Bearer(token) } });

    /// <summary>Everything a domain service has stored (returns, observations, outbox), to prove a refused call changed nothing.</summary>
    public static async Task<string> StoredStateAsync<TContext>(this ExchangeHost exchange)
        where TContext : SubmissionDbContext
    {
        await using var scope = exchange.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var returns = await db.Returns.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.ReturnKey}|{r.Revision}|{r.SubmittedBy}").ToListAsync();
        var observations = await db.Observations.AsNoTracking().OrderBy(o => o.Id).Select(o => $"{o.ReturnId}|{o.MeasureId}|{o.Value}|{o.Numerator}|{o.Denominator}|{o.Note}").ToListAsync();
        var outbox = await db.Outbox.AsNoTracking().CountAsync();
        return string.Join('\n', [.. returns, .. observations, $"outbox={outbox}"]);
    }

    public static async Task<List<AuditEntry>> AuditRowsAsync<TContext>(this ExchangeHost exchange)
        where TContext : SubmissionDbContext
    {
        await using var scope = exchange.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Audit.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
