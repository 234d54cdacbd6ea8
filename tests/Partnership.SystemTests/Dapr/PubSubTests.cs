using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Reporting.Subscriptions;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// The multi-process tests share one exchange of ten processes; they run one after another, and not
/// beside the other suites of this lane (each exchange starts many processes; a loaded machine times out).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DaprCollection : ICollectionFixture<DaprExchange>
{
    public const string Name = "Dapr multi-process exchange";
}

[Collection(DaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public class PubSubTests(DaprExchange exchange)
{
    private const string Quarter = "FY2020/21-Q3";
    private static readonly string[] Districts = [Areas.Bradford, Areas.Calderdale, Areas.Kirklees, Areas.Leeds, Areas.Wakefield];
    private static readonly Period Q3 = DomainPeriod.Parse(Quarter).ToContract();

    private static CsvReturn Crime(string area, int total, int solved, int cases) =>
        CsvReturn.Of("crime", area, Quarter, ("crime.total_recorded", $"{total}"), ("crime.violence_with_injury_solved", $"{solved}/{cases}"));

    private static CsvReturn Safeguarding(string area, int missing, int incidents, int crimes) =>
        CsvReturn.Of("safeguarding", area, Quarter, ("safeguarding.missing_children", $"{missing}"), ("safeguarding.da_incidents", $"{incidents}"), ("safeguarding.da_crimes", $"{crimes}"));

    private static CsvReturn Victims(int satisfied, int asked) =>
        CsvReturn.Of("victims", WestYorkshire, Quarter, ("victims.satisfaction", $"{satisfied}/{asked}"), ("victims.needs_assessed", "6100/7000"));

    /// <summary>
    /// A quarter's returns from all four domain services in the order partners send them: first
    /// returns, then revisions, which reordering can deliver before their predecessors.
    /// </summary>
    private static readonly PartnerReturn[] FirstReturns =
    [
        .. Districts.Select((area, i) => Crime(area, 10_000 + (1_000 * i), 10 + i, 100 + i)),
        Safeguarding(Districts[0], 120, 1_900, 1_200),
        Safeguarding(Districts[1], 41, 700, 500),
        Safeguarding(Districts[3], 150, 2_900, 2_000),
        Victims(812, 1_000),
        new TrialsReturn(WestYorkshire, Quarter, 40, 30, 20, 10),
    ];

    private static readonly PartnerReturn[] Revisions =
    [
        Crime(Districts[0], 10_500, 12, 100),
        Crime(Districts[3], 13_250, 20, 104),
        Safeguarding(Districts[3], 151, 2_950, 2_010),
        new TrialsReturn(WestYorkshire, Quarter, 45, 30, 15, 10),
        Crime(Districts[0], 10_600, 13, 100),
        Victims(815, 1_000),
        Crime(Districts[4], 14_001, 15, 105),
    ];

    private static Task<CountyRollup> RollupAsync(Contracts.Reporting.V1.Reporting.ReportingClient reporting) =>
        reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q3 }).ResponseAsync;

    /// <summary>The report without the return ids, which differ between runs by design.</summary>
    private static string Normalized(CountyRollup rollup)
    {
        var copy = rollup.Clone();
        foreach (var district in copy.Measures.SelectMany(m => m.Districts))
        {
            district.ReturnId = "";
        }

        return JsonFormatter.Default.Format(copy);
    }

    [Fact]
    public async Task QuarterlyUpdatesFromAllServices_WithDuplicatesReorderingRefusedPublishesAndTheAggregatorKilledMidStream_ReportEqualsCleanRun()
    {
        var expected = await CleanRunAsync();
        await exchange.SettledAsync();
        var crimeBefore = await exchange.SidecarStatsAsync(exchange.Crime);
        var brokerBefore = await exchange.SidecarStatsAsync(exchange.Aggregator);

        foreach (var partnerReturn in FirstReturns)
        {
            await partnerReturn.SubmitAsync(exchange);
        }

        // Mid-stream: once the aggregator has taken some events, kill it (SIGKILL) and go on submitting.
        await exchange.WaitForAsync(() => exchange.SidecarStatsAsync(exchange.Aggregator), s => s.Deliveries.Count > brokerBefore.Deliveries.Count, "a first delivery");
        exchange.Kill(exchange.Aggregator);
        foreach (var partnerReturn in Revisions)
        {
            await partnerReturn.SubmitAsync(exchange);
        }

        await exchange.StartAgainAsync(exchange.Aggregator);

        await exchange.WaitForAsync(async () => Normalized(await RollupAsync(exchange.Reporting)), r => r == expected, "the report of the clean run");
        await exchange.SettledAsync();

        // Nothing left in flight may change it afterwards, and every return arrived at its latest revision.
        Assert.Equal(expected, Normalized(await RollupAsync(exchange.Reporting)));
        var submitted = FirstReturns.Length + Revisions.Length;
        Assert.Equal(submitted, (await ReceivedAsync(exchange.Reporting)).Sum(r => r.Revision));

        // The crime sidecar refused its first publishes; the outbox published them again, each once.
        var crime = await exchange.SidecarStatsAsync(exchange.Crime);
        var crimeReturns = FirstReturns.Concat(Revisions).Count(r => r is CsvReturn { Service: "crime" });
        Assert.True(crime.PublishesRefused - crimeBefore.PublishesRefused >= DaprExchange.RefusedPublishes, $"{crime.PublishesRefused} publishes refused");
        Assert.Equal(crimeReturns, crime.PublishesAccepted - crimeBefore.PublishesAccepted);
        Assert.Equal(crime.PublishesAccepted, crime.PublishesWithTraceParent);

        // Every event was delivered twice (the broker duplicates) and each copy ended in SUCCESS.
        var broker = await exchange.SidecarStatsAsync(exchange.Aggregator);
        var deliveries = broker.Deliveries.Skip(brokerBefore.Deliveries.Count).ToList();
        Assert.Equal(submitted, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.Equal(2 * submitted, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("SUCCESS", d.Result));
        Assert.Equal(crimeReturns, deliveries.Where(d => d.Topic == EventTopics.CrimeMeasures).Select(d => d.Id).Distinct().Count());
        Assert.Equal(
            [EventTopics.CrimeMeasures, EventTopics.JusticeBoard, EventTopics.Safeguarding, EventTopics.VictimServices],
            deliveries.Select(d => d.Topic).Distinct().Order(StringComparer.Ordinal));
        // Events in flight when the aggregator died were delivered again once it was back.
        Assert.Contains(deliveries, d => d.Attempts > 1);
    }

    [Fact]
    public async Task UnprocessableAndMisroutedEvents_ReachTheDeadLetterTopic_AndAreRecordedWithWhy()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var dapr = exchange.DaprClientOf(exchange.Aggregator);

        await dapr.PublishByteEventAsync(EventTopics.PubSubName, EventTopics.CrimeMeasures, Encoding.UTF8.GetBytes("not an event " + marker), "text/plain");
        var unknownVersion = Update("v99-" + marker, contractVersion: 99);
        await dapr.PublishByteEventAsync(EventTopics.PubSubName, EventTopics.CrimeMeasures, Json(unknownVersion), "application/json");
        var misrouted = Update("404-" + marker, contractVersion: EventTopics.QuarterlyUpdateContractVersion);
        await dapr.PublishByteEventAsync(
            EventTopics.PubSubName, EventTopics.CrimeMeasures, Json(misrouted), "application/json",
            new Dictionary<string, string> { ["test.misroute"] = "true" });

        var letters = await exchange.WaitForAsync(
            async () => (await exchange.Operations.ListDeadLettersAsync(new ListDeadLettersRequest())).DeadLetters.Where(d => d.Payload.Contains(marker, StringComparison.Ordinal)).ToList(),
            l => l.Count == 3,
            "three dead letters recorded");

        Assert.All(letters, l => Assert.Equal(EventTopics.CrimeMeasures, l.Topic));
        Assert.All(letters, l => Assert.Equal(EventTopics.DeadLetterOf(EventTopics.CrimeMeasures), l.DeadLetterTopic));
        Assert.Contains("unreadable payload", letters.Single(l => l.EventId == "").Reason, StringComparison.Ordinal);
        Assert.Contains("contract version 99", letters.Single(l => l.EventId == unknownVersion.EventId).Reason, StringComparison.Ordinal);
        Assert.Contains("404", letters.Single(l => l.EventId == misrouted.EventId).Reason, StringComparison.Ordinal);

        var broker = await exchange.SidecarStatsAsync(exchange.Aggregator);
        // Every delivery comes twice here, so each message is dead-lettered by both copies.
        var moved = broker.DeadLettered.Where(d => letters.Any(l => l.MessageId == d.Id)).DistinctBy(d => d.Id).Select(d => d.Why).Order().ToList();
        Assert.Equal(["404", "DROP", "DROP"], moved);
    }

    [Fact]
    public async Task SubscriptionEndpoints_WithoutTheAppToken_AreRefused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(exchange.ReportingAppUrl) };
        var update = Update("unauthorised-" + Guid.NewGuid().ToString("N"), EventTopics.QuarterlyUpdateContractVersion);
        var envelope = $$"""{"id":"{{Guid.NewGuid()}}","specversion":"1.0","type":"com.dapr.event.sent","source":"intruder","datacontenttype":"application/json","topic":"{{EventTopics.CrimeMeasures}}","pubsubname":"{{EventTopics.PubSubName}}","data":{{JsonFormatter.Default.Format(update)}}}""";

        // A partner's valid bearer token is no substitute for the sidecar's app token.
        var partner = TestTokens.Trusted();
        foreach (var token in new[] { null, "wrong-token", "partner" })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, SubscriptionExtensions.DeliveryRoute(EventTopics.CrimeMeasures))
            {
                Content = new StringContent(envelope, Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json")),
            };
            using var discovery = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
            if (token == "partner")
            {
                post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", partner);
                discovery.Headers.Authorization = new AuthenticationHeaderValue("Bearer", partner);
            }
            else if (token is not null)
            {
                post.Headers.Add("dapr-api-token", token);
                discovery.Headers.Add("dapr-api-token", token);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(post)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(discovery)).StatusCode);
        }

        using var sidecarWithoutToken = new global::Dapr.Client.DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{exchange.Aggregator.Ports.SidecarGrpc}").Build();
        var refused = await Assert.ThrowsAsync<global::Dapr.DaprException>(() =>
            sidecarWithoutToken.PublishByteEventAsync(EventTopics.PubSubName, EventTopics.CrimeMeasures, Json(update), "application/json"));
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
    }

    private static async Task<string> CleanRunAsync()
    {
        await using var clean = await CleanExchange.StartAsync();
        foreach (var partnerReturn in FirstReturns.Concat(Revisions))
        {
            await partnerReturn.SubmitAsync(clean);
        }

        var submitted = FirstReturns.Length + Revisions.Length;
        await Eventually.WaitForAsync(() => ReceivedAsync(clean.Reporting), r => r.Sum(x => x.Revision) == submitted, TimeSpan.FromSeconds(90), "the clean run's returns at the aggregator");
        return Normalized(await RollupAsync(clean.Reporting));
    }

    /// <summary>The returns of the quarter at the aggregator; each is at its latest revision, so the revisions add up to the submissions.</summary>
    private static async Task<IReadOnlyList<ReceivedReturn>> ReceivedAsync(Contracts.Reporting.V1.Reporting.ReportingClient reporting) =>
        (await reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = Q3 })).Returns;

    private static QuarterlyUpdate Update(string eventId, int contractVersion) => new()
    {
        EventId = eventId,
        ContractVersion = contractVersion,
        SourceService = "crime-measures",
        SubmittedBy = "test",
        SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        ReturnId = Guid.NewGuid().ToString(),
        ReturnKey = $"crime-measures|{Areas.Bradford}|{eventId}",
        Revision = 1,
        AreaCode = Areas.Bradford,
        Period = DomainPeriod.Parse("FY2019/20-Q1").ToContract(),
    };

    private static byte[] Json(IMessage message) => Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message));
}
