using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// How the published report writes figures, always in the invariant culture: thousands separators,
/// 1 dp for rates and changes rounded half away from zero, arrows, and the marks for provisional (p),
/// suggested arrows (s) and withheld figures (*).
/// </summary>
public static class FigureText
{
    public const string Withheld = "*";
    public const string NoFigure = "n/a";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Value(FigureKind kind, ReportCell cell)
    {
        if (cell.Withheld)
        {
            return Withheld;
        }

        if (cell.Value is not { } value)
        {
            return NoFigure;
        }

        var text = Number(kind, value);
        return cell.Provisional ? text + " (p)" : text;
    }

    public static string Number(FigureKind kind, decimal value) => kind switch
    {
        FigureKind.Ratio => OneDecimal(value * 100m) + "%",
        FigureKind.Percent => OneDecimal(value) + "%",
        _ when value == decimal.Truncate(value) => value.ToString("#,##0", Invariant),
        _ => OneDecimal(value),
    };

    /// <summary>Counts: "-1,234 -5.6%" (no plus sign on a rise); rates and percentages: "-1.4pp".</summary>
    public static string Change(Change? change)
    {
        if (change is null)
        {
            return "";
        }

        if (change.PercentagePoints is not null)
        {
            return OneDecimal(change.PercentagePoints.Value) + "pp";
        }

        var absolute = change.Absolute!.Value == decimal.Truncate(change.Absolute.Value)
            ? change.Absolute.Value.ToString("#,##0", Invariant)
            : OneDecimal(change.Absolute.Value);
        return change.Percent is null ? absolute : $"{absolute} {OneDecimal(change.Percent.Value)}%";
    }

    public static string Arrow(TrendIndicator trend) => trend.Arrow switch
    {
        Trend.Up => "↑",
        Trend.Down => "↓",
        Trend.Steady => "↔",
        _ => "",
    } + (trend.Suggested && trend.Arrow != Trend.None ? " (s)" : "");

    public static string Status(TargetStatus? status) => status?.Status.ToString() ?? "";

    /// <summary>Rounded half away from zero to 1 dp, as published reports round; "-0.0" is written "0.0".</summary>
    public static string OneDecimal(decimal value)
    {
        var rounded = Delivery.Change.RoundHalfAwayFromZero(value);
        return (rounded == 0m ? 0m : rounded).ToString("#,##0.0", Invariant);
    }

    /// <summary>Every digit, no separators: for CSV and data attributes.</summary>
    public static string Full(decimal? value) => value?.ToString("0.############################", Invariant) ?? "";

    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "";

    public static string ComparisonName(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Rolling12Months => "rolling 12 months",
        ComparisonKind.YearToDate => "financial year to date",
        _ => "same window a year earlier",
    };

    public static string ComparisonSlug(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Rolling12Months => "rolling-12-months",
        ComparisonKind.YearToDate => "year-to-date",
        _ => "previous-year",
    };

    public static bool TryParseComparison(string? text, out ComparisonKind kind)
    {
        foreach (var candidate in ComparisonWindows.All)
        {
            if (string.Equals(text, ComparisonSlug(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>A window's label, with the date a snapshot figure is for when it differs.</summary>
    public static string WindowOf(ReportCell cell) =>
        cell.AsOf is { } asOf && asOf != cell.Window.End ? $"{cell.Window.Label} (at {Iso(asOf)})" : cell.Window.Label;
}
