using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The quarter the dashboard opens on: the latest quarter with figures whose expected returns are all
/// in, so that one early return for a new quarter does not turn the landing page into a page of n/a.
/// The aggregator is not told who must send what (that is each domain service's business), so it
/// expects from what it has seen: every sender with a return in the year before the quarter is
/// expected again by the quarter's end at its own cadence. A sender is up to date at a quarter's end
/// when its latest return by then is not yet due to be followed: a month's return is followed a month
/// later, a half year's six months later, a financial year's twelve months later, and anything else
/// (quarters, snapshots, rolling and year-to-date windows) three months later. So a six-monthly LCJB
/// return is not awaited in the quarter between its halves, and a sender gone for a year is no longer awaited.
/// </summary>
public static class LandingPeriod
{
    /// <param name="windows">The windows with figures (only their quarters are candidates).</param>
    /// <returns>The latest complete quarter; the latest quarter with figures when none is complete; null when there is none.</returns>
    public static Period? Choose(IEnumerable<Period> windows, IReadOnlyCollection<HeldReturn> returns)
    {
        var quarters = windows.Where(w => w.Kind == PeriodKind.Quarter).Distinct().OrderByDescending(q => q.End).ToList();
        foreach (var quarter in quarters)
        {
            if (IsComplete(quarter, returns))
            {
                return quarter;
            }
        }

        return quarters.Count > 0 ? quarters[0] : null;
    }

    public static bool IsComplete(Period quarter, IReadOnlyCollection<HeldReturn> returns)
    {
        var yearBefore = quarter.Start.AddMonths(-12);
        var expected = returns.Where(r => r.Period.End >= yearBefore && r.Period.End < quarter.Start).Select(r => r.Sender).ToHashSet(StringComparer.Ordinal);
        return expected.All(sender =>
        {
            var latest = returns.Where(r => r.Sender == sender && r.Period.End <= quarter.End).MaxBy(r => (r.Period.End, -Step(r.Period)))!;
            return MonthIndex(latest.Period.End) + Step(latest.Period) > MonthIndex(quarter.End);
        });
    }

    private static int Step(Period period) => period.Kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.HalfYear => 6,
        PeriodKind.FinancialYear => 12,
        _ => 3,
    };

    // Months, not days: a quarter ending on 31 December follows one ending on 30 September by three months.
    private static int MonthIndex(DateOnly date) => (date.Year * 12) + date.Month;
}
