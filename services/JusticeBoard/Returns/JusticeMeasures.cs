using Partnership.Domain;

namespace Partnership.JusticeBoard.Returns;

public enum AgeBand
{
    Under13Weeks,
    Weeks13To26,
    Weeks26To52,
    Over52Weeks,
}

public enum TrialOutcome
{
    Listed,
    Effective,
    Cracked,
    Ineffective,
    Vacated,
}

public enum AgeGroup
{
    Adult,
    Youth,
}

/// <summary>The measure ids (the contract in docs/domain.md) the justice returns reduce to, built in one place.</summary>
public static class JusticeMeasures
{
    public const string VictimsCodePrefix = "cjs.victims_code_compliance.";

    public const string DaysToResolution = "cjs.days_to_resolution";

    public static string Outstanding(CourtType type) => $"cjs.{Name(type)}_outstanding";

    public static string Outstanding(CourtType type, AgeBand band) => $"cjs.{Name(type)}_outstanding_{Name(band)}";

    public static string Receipts(CourtType type) => $"cjs.{Name(type)}_receipts";

    public static string Disposals(CourtType type) => $"cjs.{Name(type)}_disposals";

    public static string ForwardLoad(CourtType type) => $"cjs.{Name(type)}_forward_load";

    public static string Trials(TrialOutcome outcome, CourtType type) => $"cjs.trials_{outcome.ToString().ToLowerInvariant()}_{Name(type)}";

    public static string IneffectiveTrialRate(CourtType type) => $"cjs.ineffective_trial_rate_{Name(type)}";

    public static string CrackedTrialRate(CourtType type) => $"cjs.cracked_trial_rate_{Name(type)}";

    public static string EarlyGuiltyPleaRate(CourtType type) => $"cjs.early_guilty_plea_rate_{Name(type)}";

    public static string DaysToResolutionOf(CourtType type) => $"{DaysToResolution}_{Name(type)}";

    public static string ReoffendingRate(AgeGroup group) => $"cjs.reoffending_rate_{Name(group)}";

    public static string FirstTimeEntrants(AgeGroup group) => $"cjs.first_time_entrants_{Name(group)}";

    public static string VictimsCode(string measureCode) => VictimsCodePrefix + measureCode;

    public static IReadOnlyList<AgeBand> Bands { get; } = Enum.GetValues<AgeBand>();

    public static IReadOnlyList<TrialOutcome> OutcomesOfListed { get; } = [TrialOutcome.Effective, TrialOutcome.Cracked, TrialOutcome.Ineffective, TrialOutcome.Vacated];

    private static string Name(CourtType type) => type == CourtType.Crown ? "crown" : "magistrates";

    private static string Name(AgeGroup group) => group == AgeGroup.Adult ? "adult" : "youth";

    private static string Name(AgeBand band) => band switch
    {
        AgeBand.Under13Weeks => "under_13w",
        AgeBand.Weeks13To26 => "13_to_26w",
        AgeBand.Weeks26To52 => "26_to_52w",
        _ => "over_52w",
    };
}

/// <summary>
/// Which return of a force area and period a submission is. Several kinds of return arrive for the
/// same force and window, and each court's backlog is its own return; the source keeps their
/// revisions apart (it is part of the return key).
/// </summary>
public static class JusticeReturnSources
{
    public const string CourtBacklogPrefix = "court-backlog/";
    public const string Trials = "trials";
    public const string CaseProgression = "case-progression";
    public const string Reoffending = "reoffending";
    public const string FirstTimeEntrants = "first-time-entrants";
    public const string VictimsCodePrefix = "victims-code/";

    /// <summary>Says which sources there are, for a caller who gave none.</summary>
    public const string Describe = $"give which return: {Trials}, {CaseProgression}, {Reoffending}, {FirstTimeEntrants}, {VictimsCodePrefix}<data source> or {CourtBacklogPrefix}<court code>";

    public static string CourtBacklog(string courtCode) => CourtBacklogPrefix + courtCode;

    public static string VictimsCode(string dataSource) => VictimsCodePrefix + dataSource;
}
