using Partnership.Domain;

namespace Partnership.Reporting.Disclosure;

/// <summary>
/// Statistical disclosure control for public outputs (docs/domain.md): in a disclosive measure (one that
/// counts people, <see cref="DisclosureRule"/>) a count above zero and below the measure's threshold is
/// never shown (primary suppression), nor left to be worked out from a total and the other cells
/// (secondary suppression); zero is shown as 0. A measure that counts no people is shown as it is, small
/// counts too, and nothing of it is hidden to protect anything. Partners with the reader role see true figures.
/// Pure and deterministic: the same figures in the same order always hide the same cells.
/// </summary>
public static class DisclosureControl
{
    /// <summary>Decides what to show for one measure's county and district figures.</summary>
    public static DisclosureResult Apply(DisclosureInput input)
    {
        if (Uncontrolled(input) is { } shortcut)
        {
            return shortcut;
        }

        var rule = input.Disclosure!;
        var county = new WorkingCell(input.County, rule);
        var districts = input.Districts.Select(d => new WorkingCell(d, rule)).ToList();
        WorkingCell? districtSum = null;
        if (input.Relation == CountyRelation.SumOfDistricts)
        {
            // When the county figure was submitted while some districts are missing, their share is
            // an unpublished cell of the same sum: it protects a hidden district, and is itself
            // protected when it is small.
            var remainder = input.DistrictsIncomplete ? Remainder(input.County.Figure, input.Districts) : null;
            ProtectTotal(county, districts, hasUnseenRemainder: input.DistrictsIncomplete, remainderIsSmall: remainder is { } r && IsSmall(r, rule));
        }
        else if (input.DistrictSum is { } sum)
        {
            // An independent county figure (unique people) is not the sum of its districts; the
            // district sum shown beside it is, so that is the total the districts must be protected from.
            districtSum = new WorkingCell(DisclosureCell.Of("district_sum", sum), rule);
            ProtectTotal(districtSum, districts, hasUnseenRemainder: false, remainderIsSmall: false);
        }

        return new DisclosureResult(county.ToDisclosed(), [.. districts.Select(d => d.ToDisclosed())], districtSum?.ToDisclosed());
    }

    /// <summary>
    /// Decides what to show for a rate derived from two separately published counts (repeat missing
    /// people over missing people): a rate cell is hidden wherever its numerator or denominator cell
    /// is, since a shown rate and a shown component would give the hidden one away. The catalogue makes
    /// a rate of a disclosive component disclosive itself, so such a rate always comes here controlled.
    /// </summary>
    public static DisclosureResult ApplyToDerivedRate(DisclosureInput rate, DisclosureResult numerator, DisclosureResult denominator)
    {
        if (Uncontrolled(rate) is { } shortcut)
        {
            return shortcut;
        }

        DisclosedCell Decide(DisclosureCell cell, DisclosedCell? n, DisclosedCell? d)
        {
            if (IsSmall(cell.Figure, rate.Disclosure!))
            {
                return new DisclosedCell(cell.Key, null, Suppression.Primary);
            }

            // A component the rate cannot be checked against is treated as hidden.
            return n is null || d is null || n.IsSuppressed || d.IsSuppressed
                ? new DisclosedCell(cell.Key, null, Suppression.Secondary)
                : new DisclosedCell(cell.Key, cell.Figure, Suppression.None);
        }

        return new DisclosureResult(
            Decide(rate.County, numerator.County, denominator.County),
            [.. rate.Districts.Select(d => Decide(d, numerator.District(d.Key), denominator.District(d.Key)))],
            null);
    }

    /// <summary>A count the rule hides; for a ratio, a numerator or denominator it hides.</summary>
    public static bool IsSmall(Figure figure, DisclosureRule rule) =>
        figure.IsFraction ? rule.Hides(figure.Numerator!.Value) || rule.Hides(figure.Denominator!.Value) : figure.Value is { } value && rule.Hides(value);

    private static DisclosureResult? Uncontrolled(DisclosureInput input)
    {
        if (input.ViewerMaySeeRestricted)
        {
            return Map(input, cell => new DisclosedCell(cell.Key, cell.Figure, Suppression.None));
        }

        if (input.Confidentiality == Confidentiality.Suppressed)
        {
            return Map(input, cell => new DisclosedCell(cell.Key, null, Suppression.Withheld));
        }

        // Confidentiality says who may read a figure; whether a small count may be published is the
        // measure's: counts of crimes or orders identify nobody, restricted or not.
        return input.Disclosure is null ? Map(input, cell => new DisclosedCell(cell.Key, cell.Figure, Suppression.None)) : null;
    }

    private static DisclosureResult Map(DisclosureInput input, Func<DisclosureCell, DisclosedCell> decide)
    {
        var districts = new DisclosedCell[input.Districts.Count];
        for (var i = 0; i < districts.Length; i++)
        {
            districts[i] = decide(input.Districts[i]);
        }

        return new(
            decide(input.County),
            districts,
            input.Relation == CountyRelation.Independent && input.DistrictSum is { } sum ? decide(DisclosureCell.Of("district_sum", sum)) : null);
    }

    /// <summary>
    /// Makes sure no hidden cell can be worked out as the total less the shown cells: with the total
    /// shown, one hidden cell (or one small unseen remainder) alone is given away, so a second cell is
    /// hidden, the smallest non-zero shown one (the first in display order on a tie); when there is
    /// none, the total is hidden instead.
    /// </summary>
    private static void ProtectTotal(WorkingCell total, List<WorkingCell> cells, bool hasUnseenRemainder, bool remainderIsSmall)
    {
        if (total.IsHidden || total.Cell.Figure.Resolved is null)
        {
            return;
        }

        var hidden = cells.Count(c => c.IsHidden);
        var unknowns = hidden + (hasUnseenRemainder ? 1 : 0);
        var givenAway = (hidden == 1 && unknowns == 1) || (hidden == 0 && hasUnseenRemainder && remainderIsSmall);
        if (!givenAway)
        {
            return;
        }

        var complement = cells.Where(c => !c.IsHidden && Magnitude(c.Cell.Figure) > 0).MinBy(c => Magnitude(c.Cell.Figure));
        if (complement is not null)
        {
            complement.Suppression = Suppression.Secondary;
        }
        else
        {
            total.Suppression = Suppression.Secondary;
        }
    }

    // For a ratio the additive parts are the numerator and denominator; the numerator is the count at risk.
    private static decimal Magnitude(Figure figure) => (figure.IsFraction ? figure.Numerator : figure.Value) ?? 0m;

    private static Figure? Remainder(Figure county, IReadOnlyList<DisclosureCell> districts)
    {
        if (county.IsFraction)
        {
            return Figure.OfFraction(
                county.Numerator!.Value - districts.Sum(d => d.Figure.Numerator ?? 0m),
                county.Denominator!.Value - districts.Sum(d => d.Figure.Denominator ?? 0m));
        }

        return county.Value is { } value ? Figure.OfValue(value - districts.Sum(d => d.Figure.Value ?? 0m)) : null;
    }

    private sealed class WorkingCell(DisclosureCell cell, DisclosureRule rule)
    {
        public DisclosureCell Cell { get; } = cell;

        public Suppression Suppression { get; set; } = IsSmall(cell.Figure, rule) ? Suppression.Primary : Suppression.None;

        public bool IsHidden => Suppression != Suppression.None;

        public DisclosedCell ToDisclosed() => new(Cell.Key, IsHidden ? null : Cell.Figure, Suppression);
    }
}
