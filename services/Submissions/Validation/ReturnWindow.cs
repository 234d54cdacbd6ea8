using Partnership.Domain;

namespace Partnership.Submissions.Validation;

/// <summary>
/// Which rows a return may carry. A return is a partner's figures for its own window; a row for
/// another window would be added on top of that window's own return (a Q1 return carrying a Q4
/// homicide count changed Q4's published county figure), so it is refused, never stored.
/// </summary>
public static class ReturnWindow
{
    /// <summary>
    /// A window return holds rows whose window lies inside it, and snapshots dated within it. A
    /// snapshot return (a stock counted on a date) holds snapshots on that date, and flows over a
    /// window ending at the last month end on or before it: the flows leading up to the stock (a
    /// court's disposals in the months before its backlog date), never an earlier or later window.
    /// </summary>
    public static bool Holds(Period returnWindow, Period row)
    {
        if (!returnWindow.IsSnapshot)
        {
            return returnWindow.Contains(row);
        }

        return row.IsSnapshot ? row == returnWindow : row.End == LastMonthEndBy(returnWindow.End);
    }

    public static string Refusal(Period returnWindow, Period row)
    {
        if (!returnWindow.IsSnapshot)
        {
            return $"{row.Label} lies outside the return's window {returnWindow.Label}; a return carries figures for its own window only, so submit this one in a return for {row.Label}";
        }

        var flowEnd = LastMonthEndBy(returnWindow.End);
        return row.IsSnapshot
            ? $"{row.Label} is not the return's snapshot date {returnWindow.Label}; a stock on another date is another return"
            : $"{row.Label} does not end at {flowEnd:yyyy-MM-dd}; a return for the snapshot date {returnWindow.Label} carries flows over the window leading up to it (ending at the last month end on or before that date)";
    }

    private static DateOnly LastMonthEndBy(DateOnly date)
    {
        var monthEnd = new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
        return monthEnd == date ? date : new DateOnly(date.Year, date.Month, 1).AddDays(-1);
    }
}
