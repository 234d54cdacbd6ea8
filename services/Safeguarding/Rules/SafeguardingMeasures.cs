namespace Partnership.Safeguarding.Rules;

/// <summary>The safeguarding measure ids the service's own rules refer to (the catalogue data holds the rest).</summary>
public static class SafeguardingMeasures
{
    public const string MissingAdults = "safeguarding.missing_adults";
    public const string MissingAdultsRepeat = "safeguarding.missing_adults_repeat";
    public const string MissingChildren = "safeguarding.missing_children";
    public const string MissingChildrenRepeat = "safeguarding.missing_children_repeat";
    public const string MaracReferrals = "safeguarding.marac_referrals";
    public const string MaracRepeatReferrals = "safeguarding.marac_repeat_referrals";
    public const string CseaOffences = "safeguarding.csea_offences";
    public const string CseOffences = "safeguarding.cse_offences";

    /// <summary>
    /// Counts that are part of another count in the same return: people missing more than once are
    /// among the people missing, repeat MARAC referrals among the referrals, exploitation offences
    /// among the child sexual abuse and exploitation offences. (Ratios carry their part and whole as
    /// numerator and denominator, which the shared validator already compares.)
    /// </summary>
    public static IReadOnlyList<(string Part, string Whole)> PartsOfWholes { get; } =
    [
        (MissingAdultsRepeat, MissingAdults),
        (MissingChildrenRepeat, MissingChildren),
        (MaracRepeatReferrals, MaracReferrals),
        (CseOffences, CseaOffences),
    ];
}
