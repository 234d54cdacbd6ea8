using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>
/// No sequence of accepted returns counts a figure twice. Random returns for quarters, months and the
/// year (each may restate the others' figures), revisions of them, and rows outside their return's
/// window go through the pipeline to the aggregator; every figure of the rollup and of the Delivery
/// report is then checked against one worked out here from the accepted returns alone.
/// </summary>
public abstract class CountedOnceProperty
{
    protected abstract TestStore NewStore();

    private static readonly string[] Measures = ["crime.homicide", "crime.total_recorded"];
    private static readonly string[] Districts = [Kirklees, Leeds];
    private static readonly DomainPeriod Year = DomainPeriod.FinancialYear(2024);
    private static readonly DomainPeriod[] Quarters = [.. Enumerable.Range(1, 4).Select(q => DomainPeriod.FinancialQuarter(2024, q))];
    private static readonly DomainPeriod[] Months = [.. Enumerable.Range(0, 12).Select(m => DomainPeriod.Months(Year.Start.AddMonths(m), Year.Start.AddMonths(m)))];

    /// <summary>A return as the model holds it: its latest accepted revision's rows, and when it was accepted.</summary>
    private sealed record ModelReturn(string Area, DomainPeriod Window, int Revision, int AcceptedAt, IReadOnlyDictionary<(string Measure, DomainPeriod Period), decimal> Rows);

    [Theory]
    [InlineData(17)]
    [InlineData(2024)]
    public async Task RandomReturnsRevisionsAndStrayRows_EveryFigureIsCountedOnce(int seed)
    {
        // No two submissions in one millisecond, so "submitted last" is the model's order.
        var clock = new DistinctMillisecondsClock();
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, new ExchangeOptions
        {
            Store = NewStore(),
            Configure = builder => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        });
        var random = new Random(seed);
        var model = new Dictionary<(string Area, DomainPeriod Window), ModelReturn>();
        for (var step = 0; step < 24; step++)
        {
            var area = Districts[random.Next(Districts.Length)];
            // Quarters most often, the year and months sometimes; picking one again is a revision.
            var window = random.Next(10) switch
            {
                < 5 => Quarters[random.Next(4)],
                < 7 => Year,
                _ => Months[random.Next(12)],
            };
            // Crime measures are counted by quarter and month: a year return restates its quarters and months.
            var inside = Quarters.Concat(Months).Where(p => window.Contains(p)).ToList();
            var rows = new Dictionary<(string, DomainPeriod), decimal>();
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                rows[(Measures[random.Next(Measures.Length)], inside[random.Next(inside.Count)])] = random.Next(0, 200);
            }

            var stray = random.Next(5) == 0;
            var request = new SubmitReturnRequest { AreaCode = area, Period = window.ToContract(), SubmittedBy = area };
            foreach (var ((measure, period), value) in rows)
            {
                request.Observations.Add(new Proto.ObservationInput { MeasureId = measure, Period = period == window ? null : period.ToContract(), Value = value });
            }

            if (stray)
            {
                var outside = Quarters.Concat(Months).Append(DomainPeriod.FinancialQuarter(2025, 1)).Where(p => !window.Contains(p)).ToList();
                request.Observations.Add(new Proto.ObservationInput { MeasureId = Measures[0], Period = outside[random.Next(outside.Count)].ToContract(), Value = 500 });
                var refused = await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(request).ResponseAsync);
                Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
                continue;
            }

            var reply = await host.Crime.SubmitReturnAsync(request);
            model[(area, window)] = new ModelReturn(area, window, reply.Revision, step, rows);
        }

        await WaitForAggregatorAsync(host, model.Values);
        foreach (var window in Quarters.Concat(Months).Append(Year))
        {
            await CheckRollupAsync(host, model.Values, window, seed);
        }

        foreach (var quarter in Quarters)
        {
            await CheckReportAsync(host, model.Values, quarter, seed);
        }
    }

    /// <summary>
    /// The figure worked out from the accepted returns: of the returns holding a row for the cell, the
    /// one for exactly its window, otherwise the one accepted last. Crime measures never add returns.
    /// </summary>
    private static decimal? Expected(IEnumerable<ModelReturn> returns, string area, string measure, DomainPeriod window)
    {
        var claims = returns.Where(r => r.Area == area && r.Rows.ContainsKey((measure, window))).ToList();
        var chosen = claims.FirstOrDefault(r => r.Window == window) ?? claims.MaxBy(r => r.AcceptedAt);
        return chosen?.Rows[(measure, window)];
    }

    /// <summary>
    /// The figure for a window as the one window engine resolves it from those figures: the figure for
    /// exactly the window, else the window tiled from the fewest shorter ones (a quarter by its own
    /// figure where there is one, else its three months); none when a month is missing.
    /// </summary>
    private static decimal? Resolved(IEnumerable<ModelReturn> returns, string area, string measure, DomainPeriod window)
    {
        if (Expected(returns, area, measure, window) is { } exact)
        {
            return exact;
        }

        var parts = window.MonthCount switch
        {
            12 => Quarters.Where(window.Contains).Select(q => Resolved(returns, area, measure, q)).ToList(),
            3 => Months.Where(window.Contains).Select(m => Expected(returns, area, measure, m)).ToList(),
            _ => [],
        };
        return parts.Count > 0 && parts.All(p => p is not null) ? parts.Sum() : null;
    }

    private static async Task WaitForAggregatorAsync(ExchangeHost host, IEnumerable<ModelReturn> returns)
    {
        foreach (var byWindow in returns.GroupBy(r => r.Window))
        {
            var wanted = byWindow.ToDictionary(r => r.Area, r => r.Revision);
            await Eventually.WaitForAsync(
                () => host.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = byWindow.Key.ToContract() }).ResponseAsync,
                received => wanted.All(w => received.Returns.Any(r => r.AreaCode == w.Key && r.Revision == w.Value)),
                what: $"the latest revisions for {byWindow.Key.Label} at the aggregator");
        }
    }

    private static async Task CheckRollupAsync(ExchangeHost host, IReadOnlyCollection<ModelReturn> returns, DomainPeriod window, int seed)
    {
        var rollup = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = window.ToContract(), Audience = ReportAudience.Partner });
        foreach (var measure in Measures)
        {
            var expected = Districts.ToDictionary(d => d, d => Resolved(returns, d, measure, window));
            var held = rollup.Measures.SingleOrDefault(m => m.Measure.Id == measure);
            foreach (var (district, value) in expected)
            {
                var actual = held?.Districts.SingleOrDefault(d => d.AreaCode == district)?.Value?.ToDecimal();
                Assert.True(value == actual, $"seed {seed}: {measure} {district} {window.Label} is {actual?.ToString() ?? "none"} in the rollup, not {value?.ToString() ?? "none"}");
            }

            if (expected.Values.Any(v => v is not null))
            {
                Assert.Equal(expected.Values.Sum(v => v ?? 0), held!.CountyValue.ToDecimal());
            }
        }
    }

    /// <summary>The report reads a quarter from its own figure, else from its three months, as the rollup does.</summary>
    private static async Task CheckReportAsync(ExchangeHost host, IReadOnlyCollection<ModelReturn> returns, DomainPeriod quarter, int seed)
    {
        var request = new GetDeliveryReportRequest { ForceAreaCode = WestYorkshire, Period = quarter.ToContract(), Audience = ReportAudience.Partner };
        request.Comparisons.Add(Comparison.PreviousYear);
        var report = await new DeliveryReports.DeliveryReportsClient(host.Channel).GetDeliveryReportAsync(request);
        var measures = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Where(m => Measures.Contains(m.MeasureId)).ToList();
        Assert.NotEmpty(measures);
        foreach (var row in measures)
        {
            var found = new List<decimal>();
            foreach (var district in Districts)
            {
                var expected = Resolved(returns, district, row.MeasureId, quarter);

                var actual = row.Districts.SingleOrDefault(d => d.Area.Code == district)?.Comparisons[0].Current.Value?.ToDecimal();
                Assert.True(expected == actual, $"seed {seed}: {row.MeasureId} {district} {quarter.Label} is {actual?.ToString() ?? "none"} in the report, not {expected?.ToString() ?? "none"}");
                if (expected is { } value)
                {
                    found.Add(value);
                }
            }

            var county = row.County.Comparisons[0].Current.Value?.ToDecimal();
            Assert.True((found.Count == 0 ? null : found.Sum()) == county, $"seed {seed}: {row.MeasureId} county {quarter.Label} is {county?.ToString() ?? "none"}, not the sum of its districts");
        }
    }

    /// <summary>The real time, but never the same millisecond twice, so no two returns are submitted at once.</summary>
    private sealed class DistinctMillisecondsClock : TimeProvider
    {
        private long _lastMs;

        public override DateTimeOffset GetUtcNow()
        {
            while (true)
            {
                var last = Interlocked.Read(ref _lastMs);
                var next = Math.Max(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), last + 1);
                if (Interlocked.CompareExchange(ref _lastMs, next, last) == last)
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds(next);
                }
            }
        }
    }
}

public sealed class CountedOncePropertyOnSqlite : CountedOnceProperty
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class CountedOncePropertyOnPostgres(PostgresFixture postgres) : CountedOnceProperty
{
    protected override TestStore NewStore() => postgres.NewStore();
}
