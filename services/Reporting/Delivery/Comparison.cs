using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>The comparisons the Delivery Quarterly Report offers for a reporting window.</summary>
public enum ComparisonKind
{
    /// <summary>The window itself against the same window a year earlier.</summary>
    PreviousYear,

    /// <summary>The 12 months to the window's end against the 12 months before them.</summary>
    Rolling12Months,

    /// <summary>The financial year to the window's end against the same months a year earlier.</summary>
    YearToDate,
}

/// <summary>The current and comparison windows of one comparison.</summary>
public sealed record ComparisonWindows(ComparisonKind Kind, Period Current, Period Previous)
{
    public static IReadOnlyList<ComparisonKind> All { get; } = [ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months, ComparisonKind.YearToDate];

    public static ComparisonWindows For(ComparisonKind kind, Period window)
    {
        var current = kind switch
        {
            _ when window.IsSnapshot => window,
            ComparisonKind.Rolling12Months => Period.Months(window.End.AddMonths(-11), window.End),
            ComparisonKind.YearToDate => Period.Months(new DateOnly(Period.FinancialYearStarting(window.End), 4, 1), window.End),
            _ => window,
        };
        return new ComparisonWindows(kind, current, current.ShiftYears(-1));
    }
}
