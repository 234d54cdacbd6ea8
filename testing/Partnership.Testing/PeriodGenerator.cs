using Partnership.Domain;

namespace Partnership.Testing;

/// <summary>
/// Random reporting windows of every kind, from a seed, so a failing round trip can be replayed: the
/// seed and the window are in the failure message. Each window comes with the kind it was built to be,
/// so a test also checks that the dates classify as intended.
/// </summary>
public sealed class PeriodGenerator(int seed)
{
    // Financial years 1990/91 to 2059/60: four-digit years whose labels (FY2059/60) stay unambiguous.
    private const int FirstYear = 1990;
    private const int LastYear = 2059;

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>Every kind in turn, so a short run still covers them all.</summary>
    public IEnumerable<(Period Period, PeriodKind Kind)> Take(int count) =>
        Enumerable.Range(0, count).Select(i => Next(Kinds[i % Kinds.Length]));

    public (Period Period, PeriodKind Kind) Next(PeriodKind kind)
    {
        var year = _random.Next(FirstYear, LastYear + 1);
        var april = new DateOnly(year, 4, 1);
        var month = new DateOnly(year, _random.Next(1, 13), 1);
        return kind switch
        {
            PeriodKind.Month => (Period.Months(month, month), kind),
            PeriodKind.Quarter => (Period.FinancialQuarter(year, _random.Next(1, 5)), kind),
            PeriodKind.HalfYear => HalfYear(april),
            PeriodKind.FinancialYear => (Period.FinancialYear(year), kind),
            // April to any month but June, September or March: those are a quarter, a half and a year.
            PeriodKind.YearToDate => (Period.Months(april, april.AddMonths(YearToDateMonths[_random.Next(YearToDateMonths.Length)] - 1)), kind),
            PeriodKind.Rolling12Months => Rolling(month),
            PeriodKind.OtherRange => OtherRange(month),
            _ => (Period.Snapshot(april.AddDays(_random.Next(0, 366))), PeriodKind.Snapshot),
        };
    }

    private static readonly PeriodKind[] Kinds = Enum.GetValues<PeriodKind>();

    private static readonly int[] YearToDateMonths = [2, 4, 5, 7, 8, 9, 10, 11];

    private (Period, PeriodKind) HalfYear(DateOnly april) =>
        _random.Next(2) == 0 ? (Period.Months(april, april.AddMonths(5)), PeriodKind.HalfYear) : (Period.Months(april.AddMonths(6), april.AddMonths(11)), PeriodKind.HalfYear);

    // Twelve months ending in any month; ending in March they are the financial year, and named so.
    private static (Period, PeriodKind) Rolling(DateOnly last) =>
        (Period.Months(last.AddMonths(-11), last), last.Month == 3 ? PeriodKind.FinancialYear : PeriodKind.Rolling12Months);

    private (Period, PeriodKind) OtherRange(DateOnly first)
    {
        while (true)
        {
            var months = _random.Next(2, 37);
            var period = Period.Months(first, first.AddMonths(months - 1));
            if (period.Kind == PeriodKind.OtherRange)
            {
                return (period, PeriodKind.OtherRange);
            }

            first = first.AddMonths(1);
        }
    }
}
