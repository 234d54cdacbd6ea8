namespace Partnership.Domain;

/// <summary>
/// How a disclosive measure is protected in public output: a count above zero and below
/// <see cref="Threshold"/> could point at a person, so it is never published. A measure without a rule
/// counts events (crimes, incidents, orders, trials), and its small counts are published as they are.
/// In the catalogue: <c>"disclosure": { "threshold": 5 }</c>; the threshold may be left out for the default.
/// </summary>
public sealed record DisclosureRule(int Threshold = DisclosureRule.DefaultThreshold)
{
    /// <summary>Counts from 1 to 4 are hidden, the rule published safeguarding statistics follow.</summary>
    public const int DefaultThreshold = 5;

    /// <summary>A count (or a ratio's numerator or denominator) that must not be published.</summary>
    public bool Hides(decimal count) => count > 0 && count < Threshold;
}
