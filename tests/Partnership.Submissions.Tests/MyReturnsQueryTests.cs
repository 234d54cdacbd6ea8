using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.CrimeMeasures;
using Partnership.Security;
using Partnership.Submissions.Status;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>A partner's own returns, read from the revisions, audit trail and outbox the pipeline keeps.</summary>
public abstract class MyReturnsQueryTests
{
    protected abstract TestStore NewStore();

    private static readonly DomainPeriod Q2 = DomainPeriod.Parse("FY2023/24-Q2");

    private static Caller Partner(string agency, string area, params string[] roles) =>
        new(agency, $"analyst at {agency}", new HashSet<string>(StringComparer.Ordinal) { area }, new HashSet<string>(roles, StringComparer.Ordinal), "");

    private static async Task SubmitAsync(ExchangeHost host, string agency, string area, params (string Measure, decimal Value)[] figures)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = Q2.ToContract(), SubmittedBy = "ignored: the token names the agency" };
        var line = 2;
        foreach (var (measure, value) in figures)
        {
            request.Observations.Add(new Proto.ObservationInput { MeasureId = measure, Value = value, SourceLine = line++ });
        }

        var token = DevelopmentIssuer.Mint(new TokenRequest(agency, [area], [Roles.CspSubmitter]) { Subject = $"analyst at {agency}", Lifetime = TimeSpan.FromHours(1) });
        await host.Crime.SubmitReturnAsync(request, new Metadata { { "Authorization", TestTokens.Bearer(token) } });
    }

    private static async Task<IReadOnlyList<MyReturn>> MyReturnsAsync(ExchangeHost host, Caller caller)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MyReturnsQuery<CrimeMeasuresDbContext>>().ForAsync(caller, default);
    }

    [Fact]
    public async Task ForAsync_AfterAResubmission_ListsBothRevisionsWithSubmitterChangesAndWhatWasSent()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, NewStore());
        await SubmitAsync(host, "Bradford CSP", Bradford, ("crime.total_recorded", 100), ("crime.homicide", 2));
        await SubmitAsync(host, "Bradford CSP", Bradford, ("crime.total_recorded", 120), ("crime.hate_crime", 9));
        var bradford = Partner("Bradford CSP", Bradford, Roles.CspSubmitter);

        // Both events go out through the outbox: wait for that state, not for a while.
        var returns = await Eventually.WaitForAsync(() => MyReturnsAsync(host, bradford), r => r.SelectMany(x => x.Revisions).All(v => v.PublishedAt is not null), what: "both revisions sent");

        var stored = Assert.Single(returns);
        Assert.Equal((Bradford, "FY2023/24-Q2", ""), (stored.AreaCode, stored.Period.Label, stored.Source));
        Assert.Equal([1, 2], stored.Revisions.Select(r => r.Revision));
        Assert.All(stored.Revisions, r => Assert.Equal(("Bradford CSP", "analyst at Bradford CSP", 2), (r.Agency, r.Subject, r.ObservationCount)));
        Assert.Null(stored.Revisions[0].Changes);
        var changes = stored.Revisions[1].Changes!;
        Assert.Equal(["crime.hate_crime"], changes.Added);
        Assert.Equal(["crime.total_recorded"], changes.Changed);
        Assert.Equal(["crime.homicide"], changes.Removed);
        Assert.Equal([false, true], stored.Revisions.Select(r => r.IsCurrent));
    }

    [Fact]
    public async Task ForAsync_AnotherAreasReturn_IsNotShown()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, NewStore());
        await SubmitAsync(host, "Bradford CSP", Bradford, ("crime.total_recorded", 100));
        await SubmitAsync(host, "Calderdale CSP", Calderdale, ("crime.total_recorded", 50));

        var calderdale = await MyReturnsAsync(host, Partner("Calderdale CSP", Calderdale, Roles.CspSubmitter));
        var reader = await MyReturnsAsync(host, Partner("Bradford CSP", Bradford, Roles.PartnerReader));

        var only = Assert.Single(calderdale);
        Assert.Equal(Calderdale, only.AreaCode);
        Assert.Equal(["Calderdale CSP"], only.Revisions.Select(r => r.Agency));
        // A sign-in that cannot submit to the service has no returns there.
        Assert.Empty(reader);
    }
}

public sealed class MyReturnsQueryTestsOnSqlite : MyReturnsQueryTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class MyReturnsQueryTestsOnPostgres(PostgresFixture postgres) : MyReturnsQueryTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
