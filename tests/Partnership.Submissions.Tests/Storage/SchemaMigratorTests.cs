using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.CrimeMeasures;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;
using Partnership.Submissions.Outbox;
using Partnership.Testing;
using Partnership.VictimServices;

namespace Partnership.Submissions.Tests.Storage;

public abstract class SchemaMigratorTests : IDisposable
{
    private readonly TestStore _store;
    private readonly List<DbContext> _contexts = [];

    protected SchemaMigratorTests(TestStore store) => _store = store;

    private static readonly SchemaStep AddNote = SchemaStep.Sql(5, "returns get a note", "ALTER TABLE returns ADD COLUMN note TEXT");

    private CrimeMeasuresDbContext Open(string database = "crime-measures") =>
        Open<CrimeMeasuresDbContext>(database, options => new(options));

    private TContext Open<TContext>(string database, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        var options = new DbContextOptionsBuilder<TContext>();
        options.UsePartnershipStore(configuration, database);
        var db = create(options.Options);
        _contexts.Add(db);
        return db;
    }

    // Today's steps, then a hypothetical next one.
    private IReadOnlyList<SchemaStep> WithNote() => [.. SchemaMigrator.StepsOf(Open()), AddNote];

    private static Task<int> VersionAsync(DbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COALESCE(MAX(version), 0) AS \"Value\" FROM schema_version").SingleAsync();

    /// <summary>Every table's columns with their types, and every index, apart from the version table.</summary>
    private static async Task<List<string>> SchemaAsync(DbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? """
              SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS "Value" FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'schema_version'
              UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> 'schema_version'
              """
            : """
              SELECT m.name || '.' || p.name || ':' || p.type || ':' || p."notnull" AS "Value" FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_version'
              UNION ALL SELECT 'index ' || name FROM sqlite_master WHERE type = 'index' AND tbl_name <> 'schema_version'
              """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEachStepOnceAndBuildsTheModel()
    {
        var db = Open();

        Assert.Equal([1, 2, 3, 4], await SchemaMigrator.MigrateAsync(db, default));
        Assert.Empty(await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal(4, await VersionAsync(db));
    }

    // The steps must end in exactly the tables EnsureCreated makes from today's model, for every kind of
    // service database: this fails when the model gains a table or column without a step, or when an
    // early step is left following the model after a later step altered its table.
    [Fact]
    public Task MigrateAsync_DomainServiceDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<CrimeMeasuresDbContext>(name, options => new(options)));

    [Fact]
    public Task MigrateAsync_VictimServicesDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<VictimServicesDbContext>(name, options => new(options)));

    [Fact]
    public Task MigrateAsync_AggregatorDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<ReportingDbContext>(name, options => new(options)));

    private static async Task AssertStepsBuildTheModelAsync(Func<string, DbContext> open)
    {
        var migrated = open("migrated");
        await SchemaMigrator.MigrateAsync(migrated, default);
        var reference = open("reference");
        await reference.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(migrated));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfThePreviousRelease_UpgradesByStepsAndKeepsItsData()
    {
        // The release before the audit trail: step 1 applied and recorded, a return stored.
        var old = Open();
        await SchemaMigrator.MigrateAsync(old, [SchemaMigrator.StepsOf(old)[0]], default);
        await InsertReturnAsync(old);

        var next = Open();
        Assert.Equal([2, 3, 4], await SchemaMigrator.MigrateAsync(next, default));

        Assert.Equal(1, await next.Returns.CountAsync());
        Assert.Equal(0, await next.Audit.CountAsync());
        var reference = Open("crime-measures-reference");
        await reference.Database.EnsureCreatedAsync();
        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(next));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMadeByEnsureCreatedBeforeTheAuditTrail_GetsItByStep()
    {
        // What EnsureCreated made before the audit trail existed: today's model less that table, no version table.
        var old = Open();
        await old.Database.EnsureCreatedAsync();
        await old.Database.ExecuteSqlRawAsync("DROP TABLE audit_trail");

        Assert.Equal([2, 3, 4], await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal(0, await Open().Audit.CountAsync());
    }

    /// <summary>
    /// A database of the release before the outbox stored bytes, with one event waiting and one already
    /// published: after the upgrade the waiting one goes out as the bytes that release would have sent
    /// (its JSON, parsed and formatted again, under application/json), and the published one stays so.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_OutboxOfThePreviousRelease_ItsWaitingEventIsPublishedAsBefore()
    {
        var old = Open();
        await SchemaMigrator.MigrateAsync(old, [.. SchemaMigrator.StepsOf(old).Take(2)], default);
        await old.Database.ExecuteSqlRawAsync(PreviousReleaseOutbox(old));
        var waiting = PreviousReleaseEvent("Café – “still waiting”");
        var sent = PreviousReleaseEvent("published");
        await InsertPreviousReleaseEventAsync(old, waiting, published: false);
        await InsertPreviousReleaseEventAsync(old, sent, published: true);

        Assert.Equal([3, 4], await SchemaMigrator.MigrateAsync(Open(), default));

        var reference = Open("crime-measures-reference");
        await reference.Database.EnsureCreatedAsync();
        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(Open()));
        var stored = await Open().Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes(sent.Payload), stored[sent.Update.EventId].Data);
        Assert.All(stored.Values, m => Assert.Equal("application/json", m.ContentType));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        await using var services = new ServiceCollection()
            .AddDbContext<CrimeMeasuresDbContext>(options => options.UsePartnershipStore(configuration, "crime-measures"))
            .BuildServiceProvider();
        var publisher = new CapturingPublisher();
        var dispatcher = new OutboxDispatcher<CrimeMeasuresDbContext>(
            services.GetRequiredService<IServiceScopeFactory>(),
            publisher,
            new OutboxSignal<CrimeMeasuresDbContext>(),
            Options.Create(new OutboxOptions()),
            TimeProvider.System,
            NullLogger<OutboxDispatcher<CrimeMeasuresDbContext>>.Instance);
        Assert.Equal(1, await dispatcher.DrainAsync(default));

        var (topic, data, contentType) = Assert.Single(publisher.Published);
        Assert.Equal(EventTopics.CrimeMeasures, topic);
        Assert.Equal("application/json", contentType);
        // What DaprEventPublisher of that release sent: the stored JSON parsed, then formatted again.
        var sentBefore = Encoding.UTF8.GetBytes(new JsonFormatter(JsonFormatter.Settings.Default).Format(
            new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<QuarterlyUpdate>(waiting.Payload)));
        Assert.Equal(sentBefore, data);
        Assert.Equal(waiting.Update, QuarterlyUpdateCodec.Parse(contentType, data));
    }

    // The outbox table as EnsureCreated made it for the model of the release before step 3.
    private static string PreviousReleaseOutbox(DbContext db) => db.Database.IsNpgsql()
        ? """
          DROP TABLE outbox;
          CREATE TABLE outbox ("Id" uuid NOT NULL, "Topic" text NOT NULL, "ReturnId" uuid NULL, "Payload" text NOT NULL, "TraceParent" text NULL, "CreatedAtMs" bigint NOT NULL, "NextAttemptAtMs" bigint NOT NULL, "PublishedAtMs" bigint NULL, "Attempts" integer NOT NULL, "LastError" text NULL, CONSTRAINT "PK_outbox" PRIMARY KEY ("Id"));
          CREATE INDEX "IX_outbox_PublishedAtMs_NextAttemptAtMs" ON outbox ("PublishedAtMs", "NextAttemptAtMs");
          CREATE INDEX "IX_outbox_ReturnId" ON outbox ("ReturnId");
          """
        : """
          DROP TABLE outbox;
          CREATE TABLE "outbox" ("Id" TEXT NOT NULL CONSTRAINT "PK_outbox" PRIMARY KEY, "Topic" TEXT NOT NULL, "ReturnId" TEXT NULL, "Payload" TEXT NOT NULL, "TraceParent" TEXT NULL, "CreatedAtMs" INTEGER NOT NULL, "NextAttemptAtMs" INTEGER NOT NULL, "PublishedAtMs" INTEGER NULL, "Attempts" INTEGER NOT NULL, "LastError" TEXT NULL);
          CREATE INDEX "IX_outbox_PublishedAtMs_NextAttemptAtMs" ON "outbox" ("PublishedAtMs", "NextAttemptAtMs");
          CREATE INDEX "IX_outbox_ReturnId" ON "outbox" ("ReturnId");
          """;

    private static (QuarterlyUpdate Update, string Payload) PreviousReleaseEvent(string note)
    {
        var period = Partnership.Domain.Period.Parse("FY2020/21-Q3");
        var update = new QuarterlyUpdate
        {
            EventId = Guid.NewGuid().ToString(),
            ContractVersion = 1,
            SourceService = "crime-measures",
            SubmittedBy = "Bradford CSP",
            SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = $"crime-measures|{Areas.Bradford}|{period.Key}",
            Revision = 1,
            AreaCode = Areas.Bradford,
            Period = period.ToContract(),
        };
        update.Observations.Add(new Partnership.Domain.Observation("crime.total_recorded", Areas.Bradford, period, Partnership.Domain.Figure.OfValue(1234.5m), Note: note).ToContract());
        update.Observations.Add(new Partnership.Domain.Observation("crime.violence_with_injury_solved", Areas.Bradford, period, Partnership.Domain.Figure.OfFraction(12, 100)).ToContract());
        // As that release's pipeline stored it.
        return (update, JsonFormatter.Default.Format(update));
    }

    private static async Task InsertPreviousReleaseEventAsync(DbContext db, (QuarterlyUpdate Update, string Payload) stored, bool published)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO outbox (\"Id\", \"Topic\", \"ReturnId\", \"Payload\", \"CreatedAtMs\", \"NextAttemptAtMs\", \"Attempts\") VALUES ({0}, {1}, {2}, {3}, 0, 0, 0)",
            Guid.Parse(stored.Update.EventId), EventTopics.CrimeMeasures, Guid.Parse(stored.Update.ReturnId), stored.Payload);
        if (published)
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE outbox SET \"PublishedAtMs\" = 1 WHERE \"Id\" = {0}", Guid.Parse(stored.Update.EventId));
        }
    }

    private static Task InsertReturnAsync(DbContext db) =>
        db.Database.ExecuteSqlRawAsync(
            "INSERT INTO returns (\"Id\", \"ReturnKey\", \"Service\", \"AreaCode\", \"PeriodKey\", \"Source\", \"Revision\", \"SubmittedBy\", \"SubmittedAt\") VALUES ({0}, 'k', 's', 'a', 'p', '', 1, 'b', {1})",
            Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task MigrateAsync_LaterStep_AltersExistingDatabaseAndKeepsItsData()
    {
        var db = Open();
        await SchemaMigrator.MigrateAsync(db, default);
        await InsertReturnAsync(db);

        var next = Open();
        Assert.Equal([5], await SchemaMigrator.MigrateAsync(next, WithNote(), default));

        Assert.Equal(1, await next.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM returns WHERE note IS NULL").SingleAsync());
        Assert.Equal(5, await VersionAsync(next));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMadeByEnsureCreated_IsTakenAsVersionOne()
    {
        // EnsureCreated of the release with the audit trail: step 2 finds its table there.
        var old = Open();
        await old.Database.EnsureCreatedAsync();

        Assert.Equal([2, 3, 4], await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal([5], await SchemaMigrator.MigrateAsync(Open(), WithNote(), default));
    }

    [Fact]
    public async Task MigrateAsync_FailingStep_LeavesTheDatabaseAsItWasForARetry()
    {
        var broken = SchemaStep.Sql(6, "broken", "ALTER TABLE no_such_table ADD COLUMN x TEXT");
        await SchemaMigrator.MigrateAsync(Open(), default);

        // Step 5 succeeds and step 6 fails: neither is kept, as after a crash in the middle.
        await Assert.ThrowsAnyAsync<Exception>(() => SchemaMigrator.MigrateAsync(Open(), [.. WithNote(), broken], default));

        Assert.Equal(4, await VersionAsync(Open()));
        Assert.Equal([5], await SchemaMigrator.MigrateAsync(Open(), WithNote(), default));
    }

    [Fact]
    public async Task MigrateAsync_InstancesStartingAtOnce_ApplyEachStepExactlyOnce()
    {
        var steps = WithNote();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(Open(), steps, default))));

        Assert.Equal([1, 2, 3, 4, 5], runs.SelectMany(r => r).Order());
        Assert.Equal(5, await Open().Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_version").SingleAsync());
    }

    [Fact]
    public async Task MigrateAsync_DatabaseNewerThanTheBuild_RefusesToStart()
    {
        await SchemaMigrator.MigrateAsync(Open(), WithNote(), default);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Contains("schema version 5", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        var pools = SqlitePools.Of(_contexts);
        foreach (var db in _contexts)
        {
            db.Dispose();
        }

        SqlitePools.Clear(pools);
        _store.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SchemaMigratorTestsOnSqlite() : SchemaMigratorTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTestsOnPostgres(PostgresFixture postgres) : SchemaMigratorTests(postgres.NewStore());
