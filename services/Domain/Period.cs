using System.Globalization;
using System.Text.RegularExpressions;

namespace Partnership.Domain;

public enum PeriodKind
{
    Month,
    Quarter,
    HalfYear,
    FinancialYear,
    Rolling12Months,
    YearToDate,
    OtherRange,
    Snapshot,
}

/// <summary>
/// A reporting window: an inclusive range of whole months, or a single date for a snapshot.
/// The kind is derived from the dates, never stated, so two spellings of one window are equal.
/// </summary>
public readonly partial record struct Period
{
    private Period(DateOnly start, DateOnly end, PeriodKind kind)
    {
        Start = start;
        End = end;
        Kind = kind;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public PeriodKind Kind { get; }

    public bool IsSnapshot => Kind == PeriodKind.Snapshot;

    /// <summary>Stable text key, e.g. "2020-10-01..2020-12-31" or "2020-12-31".</summary>
    public string Key => IsSnapshot ? Iso(Start) : $"{Iso(Start)}..{Iso(End)}";

    public int MonthCount => IsSnapshot ? 0 : ((End.Year - Start.Year) * 12) + End.Month - Start.Month + 1;

    /// <summary>The financial year (April to March) that holds the window's end, as its starting calendar year.</summary>
    public int FinancialYearOfEnd => FinancialYearStarting(End);

    public string Label => Kind switch
    {
        PeriodKind.Snapshot => Iso(Start),
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{FinancialYearLabel(FinancialYearStarting(Start))}-Q{QuarterOfFinancialYear(Start)}",
        PeriodKind.HalfYear => $"{FinancialYearLabel(FinancialYearStarting(Start))}-H{(Start.Month == 4 ? 1 : 2)}",
        PeriodKind.FinancialYear => FinancialYearLabel(Start.Year),
        PeriodKind.Rolling12Months => $"12 months to {End.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
        _ => $"{Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)}..{End.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
    };

    public override string ToString() => Label;

    public static Period Snapshot(DateOnly date) => new(date, date, PeriodKind.Snapshot);

    /// <summary>A window of whole months from the first of <paramref name="firstMonth"/> to the end of <paramref name="lastMonth"/>.</summary>
    public static Period Months(DateOnly firstMonth, DateOnly lastMonth)
    {
        var start = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        var end = new DateOnly(lastMonth.Year, lastMonth.Month, DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month));
        if (end < start)
        {
            throw new ArgumentException($"The window ends ({Iso(end)}) before it starts ({Iso(start)}).");
        }

        return new Period(start, end, Classify(start, end));
    }

    public static Period FinancialQuarter(int financialYearStart, int quarter)
    {
        var first = new DateOnly(financialYearStart, 4, 1).AddMonths((quarter - 1) * 3);
        return Months(first, first.AddMonths(2));
    }

    public static Period FinancialYear(int financialYearStart) =>
        Months(new DateOnly(financialYearStart, 4, 1), new DateOnly(financialYearStart + 1, 3, 1));

    /// <summary>Builds a period from explicit dates, as carried on the wire.</summary>
    public static bool TryFromDates(DateOnly start, DateOnly end, bool snapshot, out Period period, out string error)
    {
        period = default;
        if (snapshot || start == end)
        {
            period = Snapshot(end);
            error = "";
            return true;
        }

        if (start.Day != 1 || end.Day != DateTime.DaysInMonth(end.Year, end.Month))
        {
            error = $"a window must run from the first of a month to the last day of a month, not {Iso(start)} to {Iso(end)}";
            return false;
        }

        if (end < start)
        {
            error = $"the window ends ({Iso(end)}) before it starts ({Iso(start)})";
            return false;
        }

        period = Months(start, end);
        error = "";
        return true;
    }

    /// <summary>
    /// Parses every form a <see cref="Label"/> or <see cref="Key"/> is written in, so whatever the exchange
    /// prints can be typed or pasted back: "YYYY-MM..YYYY-MM" (inclusive months), "YYYY-MM" (one month),
    /// "12 months to YYYY-MM", "YYYY-MM-DD" (snapshot), "YYYY-MM-DD..YYYY-MM-DD" (the stored key),
    /// "FY2020/21", "FY2020/21-Q3" or "FY2020/21-H1".
    /// </summary>
    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "the period is empty; write YYYY-MM..YYYY-MM, YYYY-MM-DD or FY2020/21-Q3";
            return false;
        }

        var range = RangePattern().Match(text);
        if (range.Success)
        {
            if (!TryMonth(range.Groups[1].Value, out var first) || !TryMonth(range.Groups[2].Value, out var last))
            {
                error = $"'{text}' has a month outside 01-12";
                return false;
            }

            if (last < first)
            {
                error = $"'{text}' ends before it starts (are the two months transposed?)";
                return false;
            }

            period = Months(first, last);
            error = "";
            return true;
        }

        if (MonthPattern().IsMatch(text))
        {
            if (!TryMonth(text, out var month))
            {
                error = $"'{text}' has a month outside 01-12";
                return false;
            }

            period = Months(month, month);
            error = "";
            return true;
        }

        var rolling = RollingPattern().Match(text);
        if (rolling.Success)
        {
            // The label of a rolling window names its last month; the window is the 12 months ending there.
            if (!TryMonth(rolling.Groups[1].Value, out var last))
            {
                error = $"'{text}' has a month outside 01-12";
                return false;
            }

            period = Months(last.AddMonths(-11), last);
            error = "";
            return true;
        }

        var dates = DateRangePattern().Match(text);
        if (dates.Success)
        {
            if (!TryDate(dates.Groups[1].Value, out var start) || !TryDate(dates.Groups[2].Value, out var end))
            {
                error = $"'{text}' has a date that is not a day of the calendar";
                return false;
            }

            if (!TryFromDates(start, end, snapshot: false, out period, out error))
            {
                error = $"'{text}': {error}";
                return false;
            }

            return true;
        }

        if (TryDate(text, out var date))
        {
            period = Snapshot(date);
            error = "";
            return true;
        }

        var fy = FinancialYearPattern().Match(text);
        if (fy.Success)
        {
            var startYear = int.Parse(fy.Groups[1].Value, CultureInfo.InvariantCulture);
            var endYear = int.Parse(fy.Groups[2].Value, CultureInfo.InvariantCulture);
            if ((startYear + 1) % 100 != endYear)
            {
                error = $"'{text}' is not a financial year: {startYear}/{startYear + 1} would be written FY{startYear}/{(startYear + 1) % 100:00}";
                return false;
            }

            var part = fy.Groups[3].Value.ToUpperInvariant();
            period = part switch
            {
                "" => FinancialYear(startYear),
                ['Q', var q] when q is >= '1' and <= '4' => FinancialQuarter(startYear, q - '0'),
                ['H', var h] when h is '1' or '2' => Months(new DateOnly(startYear, 4, 1).AddMonths((h - '1') * 6), new DateOnly(startYear, 9, 1).AddMonths((h - '1') * 6)),
                _ => default,
            };
            if (period == default)
            {
                error = $"'{text}' names no quarter Q1-Q4 or half H1-H2";
                return false;
            }

            error = "";
            return true;
        }

        error = $"'{text}' is not a period; write YYYY-MM..YYYY-MM, YYYY-MM, 12 months to YYYY-MM, YYYY-MM-DD, FY2020/21 or FY2020/21-Q3";
        return false;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    /// <summary>The same window shifted by whole years (for "the same window a year earlier").</summary>
    public Period ShiftYears(int years) =>
        IsSnapshot ? Snapshot(End.AddYears(years)) : Months(Start.AddYears(years), End.AddYears(years));

    public bool Contains(Period other) => other.Start >= Start && other.End <= End;

    public static int FinancialYearStarting(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    private static int QuarterOfFinancialYear(DateOnly date) => ((date.Month + 8) % 12 / 3) + 1;

    private static string FinancialYearLabel(int startYear) => $"FY{startYear}/{(startYear + 1) % 100:00}";

    private static PeriodKind Classify(DateOnly start, DateOnly end)
    {
        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
        return months switch
        {
            1 => PeriodKind.Month,
            3 when start.Month % 3 == 1 => PeriodKind.Quarter,
            6 when start.Month is 4 or 10 => PeriodKind.HalfYear,
            12 when start.Month == 4 => PeriodKind.FinancialYear,
            12 => PeriodKind.Rolling12Months,
            < 12 when start.Month == 4 => PeriodKind.YearToDate,
            _ => PeriodKind.OtherRange,
        };
    }

    private static bool TryMonth(string text, out DateOnly month) => TryDate(text + "-01", out month);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{4}-\d{2})\s*\.\.\s*(\d{4}-\d{2})$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^12\s+months\s+to\s+(\d{4}-\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex RollingPattern();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DateRangePattern();

    [GeneratedRegex(@"^FY(\d{4})/(\d{2})(?:-([QH]\d))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FinancialYearPattern();
}
