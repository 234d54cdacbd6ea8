using System.Globalization;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// A change in how a measure is recorded (a new counting method, a new definition) from
/// <see cref="Date"/>: figures before it and from it are not like for like. It applies to the measure
/// and to the measures derived from it (its rate per 1,000 population).
/// </summary>
public sealed record SeriesBreak(string Measure, DateOnly Date, string Reason)
{
    public bool AppliesTo(string measureId) =>
        measureId == Measure || measureId.StartsWith(Measure + ".", StringComparison.Ordinal);

    /// <summary>Whether the two windows compared lie either side of the break: the earlier starts before it and the later ends on or after it.</summary>
    public bool Splits(ComparisonWindows windows) => windows.Previous.Start < Date && Date <= windows.Current.End;

    public string DateText => Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
