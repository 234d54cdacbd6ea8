using Partnership.Domain;

namespace Partnership.Submissions.Status;

/// <summary>
/// The return calendar of a force for a period, over every service this host runs: each expected return
/// (the force's districts and the force itself, as each service expects, and any other return stored)
/// with its state at the clock's "now"; the chase list is those overdue or missing. A financial year
/// is read as its quarters.
/// </summary>
public sealed class ChaseListQuery(IEnumerable<IReturnStatusSource> sources, Geography geography, ReturnCalendar calendar, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChaseItem>> ForAsync(AreaDefinition force, Period period, CancellationToken cancellationToken) =>
        ChaseList.Of(await ExpectedAsync(force, period, cancellationToken));

    /// <summary>Every return of the force's areas that has a due date, received or not, by area name, service, source and period.</summary>
    public async Task<IReadOnlyList<ChaseItem>> ExpectedAsync(AreaDefinition force, Period period, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var items = new List<ChaseItem>();
        foreach (var window in ReturnCalendar.ExpectedPeriods(period))
        {
            var districts = geography.DistrictsOf(force.Code, window.End);
            var areas = districts.Append(force).ToDictionary(a => a.Code, StringComparer.Ordinal);
            foreach (var source in sources)
            {
                var service = source.Identity;
                var stored = (await source.ListAsync(window, cancellationToken)).Where(e => areas.ContainsKey(e.AreaCode)).ToList();
                var expected = (service.Expected.HasFlag(ExpectedReturns.Districts) ? districts : [])
                    .Concat(service.Expected.HasFlag(ExpectedReturns.ForceArea) ? [force] : []);
                foreach (var area in expected.Where(a => stored.All(e => e.AreaCode != a.Code)))
                {
                    Add(service.Name, area, "", window, null);
                }

                foreach (var entry in stored)
                {
                    Add(service.Name, areas[entry.AreaCode], entry.Source, window, entry.FirstSubmittedAt ?? entry.SubmittedAt);
                }
            }
        }

        return ChaseList.InOrder(items);

        void Add(string service, AreaDefinition area, string source, Period window, DateTimeOffset? received)
        {
            if (calendar.Assess(service, window, received, now) is { } timeliness)
            {
                items.Add(new ChaseItem(service, area, source, window, timeliness));
            }
        }
    }
}
