using System.Text.Json.Serialization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Plans;

/// <summary>
/// A force's Police and Crime Plan as data: themes, the objectives under them and the measures under
/// those, in the order the published report lists them. A measure sits under one objective only.
/// </summary>
public sealed record DeliveryPlan(string ForceAreaCode, string Title, string Source, IReadOnlyList<PlanTheme> Themes)
{
    /// <summary>Where the plan was read from, so a message about a bad entry says which file to fix.</summary>
    [JsonIgnore]
    public string File { get; init; } = "";

    /// <summary>What the plan file's author decided in reading the published plan: targets left out and why, measures it names that the catalogue lacks.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IEnumerable<(PlanTheme Theme, PlanObjective Objective, PlanMeasure Measure)> Rows() =>
        from theme in Themes.OrderBy(t => t.Order)
        from objective in theme.Objectives.OrderBy(o => o.Order)
        from measure in objective.Measures.OrderBy(m => m.Order)
        select (theme, objective, measure);
}

public sealed record PlanTheme(string Id, string Name, int Order, IReadOnlyList<PlanObjective> Objectives);

public sealed record PlanObjective(string Id, string Name, int Order, IReadOnlyList<PlanMeasure> Measures);

/// <param name="Label">The plan's own wording for the measure, e.g. "Keep neighbourhood crime below baseline".</param>
public sealed record PlanMeasure(string Measure, string Label, int Order, PlanTarget? Target = null)
{
    /// <summary>
    /// The comparison the plan judges the measure on, when it names one: published reports show most
    /// measures over rolling 12 months and some year to date, side by side in one table.
    /// </summary>
    public PlanComparison? Comparison { get; init; }

    /// <summary>The report comparison the plan judges the measure on, or null when it names none.</summary>
    public ComparisonKind? ComparisonKind => Comparison switch
    {
        PlanComparison.Rolling12Months => Delivery.ComparisonKind.Rolling12Months,
        PlanComparison.YearToDate => Delivery.ComparisonKind.YearToDate,
        _ => null,
    };
}

/// <summary>The windows a plan judges a measure over, named in plan files as reports name them.</summary>
public enum PlanComparison
{
    [JsonStringEnumMemberName("rolling_12_months")]
    Rolling12Months,

    [JsonStringEnumMemberName("year_to_date")]
    YearToDate,
}

/// <summary>What kind of commitment a target is; each kind is judged its own way (docs/plans.md).</summary>
public enum TargetKind
{
    /// <summary>A figure to be at or better than, amber within a share of it (5% unless stated).</summary>
    Absolute,

    /// <summary>A reduction on a baseline year's outturn, "2% less than 2012/13"; amber within a share of the resulting target.</summary>
    Reduction,

    /// <summary>A rate or percentage to reach, amber within a stated number of percentage points.</summary>
    Rate,

    /// <summary>An annual figure phased through the financial year and judged year to date; amber within a share of the year-to-date target.</summary>
    YearToDate,

    /// <summary>A step the plan commits to, its progress stated in the plan.</summary>
    Milestone,

    /// <summary>A status set by hand, with the reason, where no figure can judge it ("data not yet available").</summary>
    Stated,
}

public enum MilestoneState
{
    NotStarted,
    InProgress,
    Complete,
}

/// <summary>
/// What a plan commits to for a measure. <see cref="Value"/> is in the unit people read: a count, or a
/// percentage for rates and percentages (74.9 means 74.9%), or days or weeks. <see cref="WindowMonths"/>
/// says which windows the target is set for (12 for a yearly count such as "12 months to Dec 2019");
/// null means any window, as for a rate. <see cref="Unit"/>, when a plan states it, must be that unit
/// (<see cref="PlanCatalogueCheck"/>), so a percentage written against a count is caught when loading.
/// A target without a <see cref="Kind"/> is absolute, so plan files written before kinds still read.
/// </summary>
public sealed record PlanTarget(decimal Value = 0m, Polarity? Polarity = null, decimal? Threshold = null, int? WindowMonths = null, string Basis = "", string? Unit = null)
{
    /// <summary>Amber covers "worse by no more than 5% of the target" unless the plan says otherwise.</summary>
    public const decimal DefaultThreshold = 0.05m;

    public TargetKind Kind { get; init; } = TargetKind.Absolute;

    /// <summary>A rate's amber band: worse by no more than this many percentage points (or units of the rate).</summary>
    public decimal? AmberPoints { get; init; }

    /// <summary>A reduction's size in percent of the baseline: 2 for "2% less than 2012/13"; 0 for "keep below baseline".</summary>
    public decimal? ReductionPercent { get; init; }

    /// <summary>The financial year whose outturn is the baseline, "2012/13"; its figures held are added up when <see cref="BaselineValue"/> is not stated.</summary>
    public string? BaselineYear { get; init; }

    /// <summary>The baseline as the plan states it, for a baseline the exchange does not hold.</summary>
    public decimal? BaselineValue { get; init; }

    /// <summary>
    /// A year-to-date target's cumulative figures at the end of each quarter (4) or month (12) of the
    /// financial year, the last being the year's target. Absent: the year's target spread evenly by month,
    /// which is a quarter of it per quarter.
    /// </summary>
    public IReadOnlyList<decimal>? Phasing { get; init; }

    public MilestoneState? Milestone { get; init; }

    /// <summary>A milestone's due date: not complete by then is red, before then amber.</summary>
    public DateOnly? Due { get; init; }

    /// <summary>A status set by hand (<see cref="TargetKind.Stated"/>).</summary>
    public Rag? Status { get; init; }

    /// <summary>Why a status was set by hand, or what a milestone's progress is; shown with the status.</summary>
    public string Reason { get; init; } = "";

    public decimal EffectiveThreshold => Threshold ?? DefaultThreshold;

    /// <summary>Whether the target is judged against figures at all: milestones and stated statuses are not.</summary>
    public bool JudgesFigures => Kind is not (TargetKind.Milestone or TargetKind.Stated);

    /// <summary>A reduction is on a year's outturn, so it is judged on 12-month windows unless the plan says otherwise.</summary>
    public int? EffectiveWindowMonths => WindowMonths ?? (Kind == TargetKind.Reduction ? 12 : null);

    public bool AppliesTo(Period window) => Kind switch
    {
        TargetKind.YearToDate => !window.IsSnapshot && window.Start == new DateOnly(Period.FinancialYearStarting(window.End), 4, 1),
        _ => EffectiveWindowMonths is null || window.IsSnapshot || window.MonthCount == EffectiveWindowMonths,
    };

    /// <summary>The financial year <see cref="BaselineYear"/> names ("2012/13" is the year from April 2012), or null when it names none.</summary>
    public int? BaselineYearStart => ParseFinancialYear(BaselineYear);

    /// <summary>The year-to-date target at the end of a window from April, or null when the phasing gives none for that month.</summary>
    public decimal? YearToDateTarget(Period window)
    {
        var months = window.MonthCount;
        if (Kind != TargetKind.YearToDate || months is < 1 or > 12)
        {
            return null;
        }

        return Phasing switch
        {
            null or [] => Value * months / 12m,
            { Count: 12 } monthly => monthly[months - 1],
            { Count: 4 } quarterly when months % 3 == 0 => quarterly[(months / 3) - 1],
            _ => null,
        };
    }

    public static int? ParseFinancialYear(string? text)
    {
        // "2012/13": the second part must be the year after the first.
        if (text is not { Length: 7 } || text[4] != '/'
            || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var end)
            || (start + 1) % 100 != end)
        {
            return null;
        }

        return start;
    }
}
