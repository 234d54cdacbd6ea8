using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>
/// The one place the CLI reads dates and periods, so a date written the UK way (<c>30/09/2024</c>,
/// as Excel shows it) is taken wherever an ISO date is. A date that reads two ways
/// (<c>03/04/2024</c>: 3 April or 4 March) is refused naming both, never guessed.
/// </summary>
public static partial class UkDates
{
    /// <summary>A period as <see cref="Period.TryParse"/> takes it, with any day/month/year dates in it read as ISO dates.</summary>
    public static bool TryParsePeriod(string? text, out Period period, out string error)
    {
        period = default;
        return TryRewrite(text ?? "", out var iso, out error) && Period.TryParse(iso, out period, out error);
    }

    /// <summary>A single date, YYYY-MM-DD or day/month/year.</summary>
    public static bool TryParseDate(string text, out DateOnly date, out string error)
    {
        date = default;
        if (!TryRewrite(text, out var iso, out error))
        {
            return false;
        }

        if (DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        error = $"'{text}' is not a date; write YYYY-MM-DD (or DD/MM/YYYY)";
        return false;
    }

    /// <summary>Rewrites each day/month/year date in <paramref name="text"/> as YYYY-MM-DD; fails on one that is ambiguous or not a date.</summary>
    private static bool TryRewrite(string text, out string iso, out string error)
    {
        var rewritten = new StringBuilder();
        var last = 0;
        var matches = SlashedDate().Matches(text);
        // In a range, one date with a day past 12 (01/07/2024..30/09/2024) settles how the other reads.
        var dayFirst = matches.Any(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) > 12);
        foreach (Match match in matches)
        {
            if (!TryRead(match, dayFirst, out var date, out error))
            {
                iso = text;
                return false;
            }

            rewritten.Append(text, last, match.Index - last).Append(Iso(date));
            last = match.Index + match.Length;
        }

        iso = rewritten.Append(text, last, text.Length - last).ToString();
        error = "";
        return true;
    }

    private static bool TryRead(Match match, bool dayFirst, out DateOnly date, out string error)
    {
        var first = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        var uk = TryDate(year, second, first);
        var us = TryDate(year, first, second);
        error = "";
        date = uk ?? default;
        if (!dayFirst && uk is { } ukDate && us is { } usDate && ukDate != usDate)
        {
            error = $"'{match.Value}' could be {Long(ukDate)} or {Long(usDate)}; write it as {Iso(ukDate)} or {Iso(usDate)}";
            return false;
        }

        if (uk is null)
        {
            error = us is { } onlyMonthFirst
                ? $"'{match.Value}' is month/day/year; write it as {Iso(onlyMonthFirst)} (or day/month/year)"
                : $"'{match.Value}' is not a day of the calendar; write YYYY-MM-DD (or DD/MM/YYYY)";
            return false;
        }

        return true;
    }

    private static DateOnly? TryDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")]
    private static partial Regex SlashedDate();
}
