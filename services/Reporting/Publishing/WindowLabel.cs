using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// A window as published reports head their columns: "12 months to Dec 2019", "Year to date to Sep 2024",
/// "Quarter to Dec 2024", never the exchange's own codes (FY2024/25-Q3), which readers of a Panel paper
/// do not use. Every label names the month the window ends in, since that is what a reader compares.
/// </summary>
public static class WindowLabel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="comparison">
    /// The comparison the window belongs to, when there is one: a year-to-date window of six months is a
    /// half year by its dates, but the report calls it year to date.
    /// </param>
    public static string Of(Period window, ComparisonKind? comparison = null)
    {
        if (window.IsSnapshot)
        {
            return $"At {window.End.ToString("d MMM yyyy", Invariant)}";
        }

        var to = MonthOf(window.End);
        if (comparison == ComparisonKind.YearToDate && window.Start.Month == 4)
        {
            return $"Year to date to {to}";
        }

        return window.Kind switch
        {
            PeriodKind.Month => to,
            PeriodKind.Quarter => $"Quarter to {to}",
            PeriodKind.YearToDate => $"Year to date to {to}",
            // A financial year is twelve months like any other: the report names the month it ends.
            PeriodKind.FinancialYear or PeriodKind.Rolling12Months => $"12 months to {to}",
            _ => $"{window.MonthCount} months to {to}",
        };
    }

    private static string MonthOf(DateOnly date) => date.ToString("MMM yyyy", Invariant);
}
