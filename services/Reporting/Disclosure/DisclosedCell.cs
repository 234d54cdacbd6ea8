using System.Globalization;
using Partnership.Domain;

namespace Partnership.Reporting.Disclosure;

/// <summary>Why a cell is hidden.</summary>
public enum Suppression
{
    None,

    /// <summary>A count of people below the measure's threshold (for a ratio: its numerator or denominator).</summary>
    Primary,

    /// <summary>Hidden so that a primary cell cannot be worked out from a total and the other cells.</summary>
    Secondary,

    /// <summary>A figure whose confidentiality is suppressed: never shown publicly.</summary>
    Withheld,
}

/// <summary>What to show in one cell. A hidden cell carries no figure at all, so nothing can leak it.</summary>
public sealed record DisclosedCell(string Key, Figure? Figure, Suppression Suppression)
{
    public const string SuppressedMark = "*";

    public bool IsSuppressed => Suppression != Suppression.None;

    /// <summary>The figure as plain text (a ratio as its rate), <c>*</c> when hidden, empty when there is no figure.</summary>
    public string Text => IsSuppressed
        ? SuppressedMark
        : Figure?.Resolved?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>What to show for one measure: the county cell, each district cell and the district sum.</summary>
public sealed record DisclosureResult(DisclosedCell County, IReadOnlyList<DisclosedCell> Districts, DisclosedCell? DistrictSum)
{
    public DisclosedCell? District(string key)
    {
        // A loop, not FirstOrDefault: a report asks for every district cell of every window it shows.
        for (var i = 0; i < Districts.Count; i++)
        {
            if (Districts[i].Key == key)
            {
                return Districts[i];
            }
        }

        return null;
    }
}
