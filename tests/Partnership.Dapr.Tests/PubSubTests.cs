using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.IntegrationTests;
using Partnership.Reporting.Subscriptions;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Dapr.Tests;

public class PubSubTests(DaprExchange exchange) : IClassFixture<DaprExchange>
{
    private const string WestYorkshire = "E11000006";
    private static readonly string[] Districts = ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"];
    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);

    /// <summary>A district return of two figures, as a partner's CSV file and as the gRPC request it becomes.</summary>
    private sealed record DistrictReturn(string Area, int Total, int Solved, int Cases)
    {
        public string Csv => $"""
            measure,area,period,value,numerator,denominator
            crime.total_recorded,{Area},FY2020/21-Q3,{Total},,
            crime.violence_with_injury_solved,{Area},FY2020/21-Q3,,{Solved},{Cases}

            """;

        public SubmitReturnRequest Request => new()
        {
            AreaCode = Area,
            Period = Q3,
            SubmittedBy = Area + " CSP",
            Observations =
            {
                new ObservationInput { MeasureId = "crime.total_recorded", Value = Total, SourceLine = 2 },
                new ObservationInput { MeasureId = "crime.violence_with_injury_solved", Fraction = new Fraction { Numerator = Solved, Denominator = Cases }, SourceLine = 3 },
            },
        };
    }

    /// <summary>A first return from every district, then revisions that reordering can deliver before their predecessors.</summary>
    private static readonly DistrictReturn[] FirstReturns =
        [.. Districts.Select((area, i) => new DistrictReturn(area, 10_000 + (1_000 * i), 10 + i, 100 + i))];

    private static readonly DistrictReturn[] Revisions =
    [
        new(Districts[0], 10_500, 12, 100),
        new(Districts[3], 13_250, 20, 104),
        new(Districts[0], 10_600, 13, 100),
        new(Districts[4], 14_001, 15, 105),
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
    public async Task QuarterlyUpdates_WithDuplicatesReorderingDelaysRefusedPublishesAndARestart_ReportEqualsCleanRun()
    {
        var expected = await CleanRunAsync();

        foreach (var districtReturn in FirstReturns)
        {
            await exchange.SubmitWithCliAsync(districtReturn.Csv);
        }

        // Mid-stream: once the aggregator has taken some events, stop it and go on submitting.
        await exchange.WaitForAsync(() => exchange.SidecarStatsAsync(exchange.ReportingPorts), s => s.Deliveries.Any(d => d.Result == "SUCCESS"), "a first delivery");
        exchange.StopReporting();
        foreach (var districtReturn in Revisions)
        {
            await exchange.SubmitWithCliAsync(districtReturn.Csv);
        }

        await exchange.StartReportingAgainAsync();

        await exchange.WaitForAsync(async () => Normalized(await RollupAsync(exchange.Reporting)), r => r == expected, "the report of the clean run");
        await exchange.WaitForAsync(() => exchange.SidecarStatsAsync(exchange.ReportingPorts), s => s.Pending == 0, "every delivery to finish");

        // Nothing left in flight may change it afterwards.
        Assert.Equal(expected, Normalized(await RollupAsync(exchange.Reporting)));

        var submitted = FirstReturns.Length + Revisions.Length;
        var publisher = await exchange.SidecarStatsAsync(exchange.CrimePorts);
        Assert.True(publisher.PublishesRefused >= DaprExchange.RefusedPublishes, $"{publisher.PublishesRefused} publishes refused");
        Assert.Equal(submitted, publisher.PublishesAccepted);
        Assert.Equal(publisher.PublishesAccepted, publisher.PublishesWithTraceParent);

        var broker = await exchange.SidecarStatsAsync(exchange.ReportingPorts);
        var crimeDeliveries = broker.Deliveries.Where(d => d.Topic == EventTopics.CrimeMeasures).ToList();
        Assert.Equal(submitted, crimeDeliveries.Select(d => d.Id).Distinct().Count());
        Assert.All(crimeDeliveries, d => Assert.Equal("SUCCESS", d.Result));
        Assert.Equal(2 * submitted, crimeDeliveries.Count);
        Assert.Contains(crimeDeliveries, d => d.Attempts > 1);
    }

    [Fact]
    public async Task UnprocessableAndMisroutedEvents_ReachTheDeadLetterTopic_AndAreRecordedWithWhy()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var dapr = exchange.DaprClientOf(exchange.ReportingPorts);

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

        var broker = await exchange.SidecarStatsAsync(exchange.ReportingPorts);
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

        using var sidecarWithoutToken = new global::Dapr.Client.DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{exchange.ReportingPorts.SidecarGrpc}").Build();
        var refused = await Assert.ThrowsAsync<global::Dapr.DaprException>(() =>
            sidecarWithoutToken.PublishByteEventAsync(EventTopics.PubSubName, EventTopics.CrimeMeasures, Json(update), "application/json"));
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
    }

    private static async Task<string> CleanRunAsync()
    {
        await using var clean = await ExchangeHost.StartAsync(TestStore.Sqlite());
        foreach (var districtReturn in FirstReturns.Concat(Revisions))
        {
            await clean.Crime.SubmitReturnAsync(districtReturn.Request);
        }

        var latest = FirstReturns.Concat(Revisions).GroupBy(r => r.Area).ToDictionary(g => g.Key, g => g.Count());
        var rollup = await Eventually.WaitForAsync(
            () => RollupAsync(clean.Reporting),
            r => r.Measures.Count > 0 && r.Measures.All(m => m.Districts.Count == Districts.Length && m.Districts.All(d => d.Revision == latest[d.AreaCode])),
            Converge,
            "the clean run's report");
        return Normalized(rollup);
    }

    private static QuarterlyUpdate Update(string eventId, int contractVersion) => new()
    {
        EventId = eventId,
        ContractVersion = contractVersion,
        SourceService = "crime-measures",
        SubmittedBy = "test",
        SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        ReturnId = Guid.NewGuid().ToString(),
        ReturnKey = $"crime-measures|E08000032|{eventId}",
        Revision = 1,
        AreaCode = "E08000032",
        Period = DomainPeriod.Parse("FY2019/20-Q1").ToContract(),
    };

    private static byte[] Json(IMessage message) => Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message));
}
