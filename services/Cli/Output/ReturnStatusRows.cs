using System.Globalization;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Domain;

namespace Partnership.Cli.Output;

/// <summary>One expected or received return and how far it has got.</summary>
internal sealed record ReturnStatusRow(
    string Service,
    AreaDefinition Area,
    string Source,
    ReturnSummary? Stored,
    ReceivedReturn? Received,
    ReturnTimeliness? Timeliness = null)
{
    public bool ReachedAggregator => Stored is not null && Received is not null && Received.Revision >= Stored.Revision;
}

internal static class ReturnStatusRows
{
    /// <summary>
    /// Joins what the services hold with what the aggregator holds, over every return the services
    /// expect from the force and its districts, plus anything else they received for those areas.
    /// </summary>
    public static IReadOnlyList<ReturnStatusRow> Build(
        Geography geography, AreaDefinition force, Period period, ListReturnsResponse stored, ListReceivedReturnsResponse received, ReturnCalendar calendar, DateTimeOffset now)
    {
        var districts = geography.DistrictsOf(force.Code, period.End);
        var areas = districts.Append(force).ToDictionary(a => a.Code, StringComparer.Ordinal);
        var receivedByKey = received.Returns.ToDictionary(r => r.ReturnKey, StringComparer.Ordinal);
        var rows = new List<ReturnStatusRow>();
        foreach (var service in stored.Services)
        {
            var expected = (service.ExpectsDistricts ? districts : []).Concat(service.ExpectsForceArea ? [force] : []);
            var storedHere = stored.Returns.Where(r => r.Service == service.Service && areas.ContainsKey(r.AreaCode)).ToList();
            foreach (var area in expected.Where(a => storedHere.All(r => r.AreaCode != a.Code)))
            {
                rows.Add(new ReturnStatusRow(service.Service, area, "", null, null, calendar.Assess(service.Service, period, null, now)));
            }

            rows.AddRange(storedHere.Select(r => new ReturnStatusRow(service.Service, areas[r.AreaCode], r.Source, r, receivedByKey.GetValueOrDefault(r.ReturnKey),
                calendar.Assess(service.Service, period, FirstReceived(r), now))));
        }

        return [.. rows
            .OrderBy(r => r.Service, StringComparer.Ordinal)
            .ThenBy(r => r.Area.Type == AreaType.Force)
            .ThenBy(r => r.Area.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Source, StringComparer.Ordinal)];
    }

    /// <summary>Lateness is judged by the first revision; an older server that does not say falls back to the latest.</summary>
    private static DateTimeOffset FirstReceived(ReturnSummary summary) =>
        DateTimeOffset.Parse(summary.FirstSubmittedAt is { Length: > 0 } first ? first : summary.SubmittedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static IEnumerable<ChaseItem> Chased(IEnumerable<ReturnStatusRow> rows, Period period) =>
        rows.Where(r => r.Timeliness is { IsChased: true }).Select(r => new ChaseItem(r.Service, r.Area, r.Source, period, r.Timeliness!));
}
