using System.Net;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.CrimeMeasures;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests.Storage;

/// <summary>
/// Issue 18, item 12: a database the service can read but not write (files made immutable, a write
/// grant revoked) while it runs. The partner is told to try again and nothing is half stored; the
/// service reports itself not ready, saying why, until a write succeeds again.
/// </summary>
public abstract class UnwritableDatabaseTests
{
    protected const string Database = "crime-measures";

    protected abstract Task<TestStore> NewStoreAsync();

    /// <summary>Takes the right to write away from the running service, the way an operator or a fault would.</summary>
    protected abstract Task MakeUnwritableAsync(TestStore store);

    protected abstract Task MakeWritableAsync(TestStore store);

    /// <summary>How the database's refusal reads in the readiness report (a regular expression).</summary>
    protected abstract string RefusalPattern { get; }

    private static SubmitReturnRequest Return(decimal value)
    {
        var request = new SubmitReturnRequest { AreaCode = Bradford, Period = DomainPeriod.Parse("FY2024/25-Q2").ToContract() };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = value, SourceLine = 2 });
        return request;
    }

    [Fact]
    public async Task SubmitReturn_DatabaseUnwritable_UnavailableNothingStoredNotReadyUntilWritable()
    {
        var store = await NewStoreAsync();
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, store);
        using var http = host.CreateHttpClient();
        Assert.Equal(1, (await host.Crime.SubmitReturnAsync(Return(100))).Revision);
        var stored = await CountAsync(host);

        await MakeUnwritableAsync(store);
        try
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(Return(200)).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.Equal("The exchange cannot store returns just now; nothing was stored. Please try again later.", refused.Status.Detail);

            var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Matches(
                $"^Unhealthy\n{Database}-writes: Unhealthy: the {Database} database refuses writes \\({RefusalPattern}\\) since [-0-9T:.+]+; no return can be stored\n$",
                await notReady.Content.ReadAsStringAsync());
        }
        finally
        {
            await MakeWritableAsync(store);
        }

        // Ready again without a partner's write: the readiness check tries one of its own.
        var ready = await Eventually.WaitForAsync(
            async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))) is var response && response.StatusCode == HttpStatusCode.OK
                ? await response.Content.ReadAsStringAsync()
                : null,
            body => body is not null,
            what: "/readyz healthy once the database is writable");
        Assert.Equal("Healthy\n", ready);
        // The refused return left nothing behind: no revision, observation, outbox record or audit entry.
        Assert.Equal(stored, await CountAsync(host));

        var accepted = await host.Crime.SubmitReturnAsync(Return(200));
        Assert.Equal(2, accepted.Revision);
        Assert.Equal(stored with { Returns = 2, Observations = 2, Outbox = 2, Audit = 2 }, await CountAsync(host));
    }

    private static async Task<Rows> CountAsync(ExchangeHost host)
    {
        Rows? rows = null;
        await host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CrimeMeasuresDbContext>();
            rows = new Rows(await db.Returns.CountAsync(), await db.Observations.CountAsync(), await db.Outbox.CountAsync(), await db.Audit.CountAsync());
        });
        return rows!;
    }

    private sealed record Rows(int Returns, int Observations, int Outbox, int Audit);
}

/// <summary>
/// The database file and its write-ahead log made immutable (<c>chattr +i</c>, which stops root too),
/// and the directory, so no journal can be made beside them. Not the shared-memory index: SQLite
/// maps it into memory, and a write to an immutable mapping kills the process (SIGBUS), which is a
/// different fault. Open connections then fail with an I/O error and new ones open read-only.
/// </summary>
public sealed class UnwritableDatabaseTestsOnSqlite : UnwritableDatabaseTests
{
    protected override Task<TestStore> NewStoreAsync() => Task.FromResult(TestStore.Sqlite());

    protected override string RefusalPattern => "SQLite Error (8|10): '[^']+'\\.";

    protected override Task MakeUnwritableAsync(TestStore store) => ChattrAsync("+i", store);

    protected override Task MakeWritableAsync(TestStore store) => ChattrAsync("-i", store);

    private static async Task ChattrAsync(string flag, TestStore store)
    {
        var directory = store.Settings["Storage:DataDirectory"]!;
        var files = Directory.GetFiles(directory).Where(f => f.EndsWith(".db", StringComparison.Ordinal) || f.EndsWith(".db-wal", StringComparison.Ordinal));
        var (exitCode, output) = await ServiceProcess.RunExecutableAsync("chattr", [flag, .. files, directory], timeout: TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"chattr {flag} failed ({exitCode}); the test needs root on a file system with immutable files:\n{output}");
    }
}

/// <summary>
/// The service connects as a role of its own, not the superuser, and loses its INSERT and UPDATE
/// grants on every table while it runs, as an operator's REVOKE would take them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UnwritableDatabaseTestsOnPostgres(PostgresFixture postgres) : UnwritableDatabaseTests
{
    private readonly string _role = $"svc_{Guid.NewGuid():N}"[..16];

    protected override async Task<TestStore> NewStoreAsync()
    {
        // The service creates its database, so it owns it and its tables, as a deployment's role would.
        await ExecuteAsync("postgres", $"CREATE ROLE {_role} LOGIN CREATEDB");
        return TestStore.Postgres(postgres.Server, _role);
    }

    protected override string RefusalPattern => @"PostgreSQL refused the write \(SQLSTATE 42501\)";

    protected override Task MakeUnwritableAsync(TestStore store) =>
        ExecuteAsync(store, $"REVOKE INSERT, UPDATE ON ALL TABLES IN SCHEMA public FROM {_role}");

    protected override Task MakeWritableAsync(TestStore store) =>
        ExecuteAsync(store, $"GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {_role}");

    private Task ExecuteAsync(TestStore store, string sql) =>
        ExecuteAsync((store.Settings["Storage:DatabasePrefix"] + Database).Replace('-', '_'), sql);

    /// <summary>As the superuser, on a connection of its own.</summary>
    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
