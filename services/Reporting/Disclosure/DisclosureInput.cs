using Partnership.Domain;

namespace Partnership.Reporting.Disclosure;

/// <summary>One figure of a table row: the county cell or a district cell, keyed by area code.</summary>
public sealed record DisclosureCell(string Key, Figure Figure)
{
    public static DisclosureCell Of(string key, decimal? value) => new(key, new Figure(value, null, null));
}

/// <summary>How a measure's county figure relates to its district figures.</summary>
public enum CountyRelation
{
    /// <summary>The county figure is the sum of the districts (sum, snapshot sum; numerators and denominators of a ratio).</summary>
    SumOfDistricts,

    /// <summary>The county figure is submitted on its own (unique people, surveys); the districts add up to <see cref="DisclosureInput.DistrictSum"/> instead.</summary>
    Independent,
}

/// <summary>
/// One measure's figures as an output would show them, and what the viewer may see.
/// </summary>
/// <param name="County">The county cell; its figure may be empty.</param>
/// <param name="Districts">The district cells in display order; the order breaks ties when choosing a complementary cell.</param>
/// <param name="ViewerMaySeeRestricted">True for a partner holding the reader role: true figures, no control.</param>
public sealed record DisclosureInput(DisclosureCell County, IReadOnlyList<DisclosureCell> Districts, bool ViewerMaySeeRestricted)
{
    /// <summary>The confidentiality of the figures: suppressed ones are never shown publicly.</summary>
    public Confidentiality Confidentiality { get; init; } = Confidentiality.Restricted;

    /// <summary>
    /// The measure's disclosure rule, from its catalogue definition; null for a measure that counts no
    /// people, whose figures are shown as they are, small ones too. Safe by default: controlled.
    /// </summary>
    public DisclosureRule? Disclosure { get; init; } = new();

    public CountyRelation Relation { get; init; } = CountyRelation.SumOfDistricts;

    /// <summary>
    /// For <see cref="CountyRelation.SumOfDistricts"/>: some expected districts have no figure, so the
    /// county figure also holds their unseen share.
    /// </summary>
    public bool DistrictsIncomplete { get; init; }

    /// <summary>For <see cref="CountyRelation.Independent"/>: the district sum shown beside the county figure, if it is shown.</summary>
    public decimal? DistrictSum { get; init; }
}
