using System.Text.Json.Serialization;
using Partnership.Domain;

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
public sealed record PlanMeasure(string Measure, string Label, int Order, PlanTarget? Target = null);

/// <summary>
/// What a plan commits to for a measure. <see cref="Value"/> is in the unit people read: a count, or a
/// percentage for rates and percentages (74.9 means 74.9%), or days or weeks. <see cref="WindowMonths"/>
/// says which windows the target is set for (12 for a yearly count such as "12 months to Dec 2019");
/// null means any window, as for a rate. <see cref="Unit"/>, when a plan states it, must be that unit
/// (<see cref="PlanCatalogueCheck"/>), so a percentage written against a count is caught when loading.
/// </summary>
public sealed record PlanTarget(decimal Value, Polarity? Polarity = null, decimal? Threshold = null, int? WindowMonths = null, string Basis = "", string? Unit = null)
{
    /// <summary>Amber covers "worse by no more than 5% of the target" unless the plan says otherwise.</summary>
    public const decimal DefaultThreshold = 0.05m;

    public decimal EffectiveThreshold => Threshold ?? DefaultThreshold;

    public bool AppliesTo(Period window) => WindowMonths is null || window.IsSnapshot || window.MonthCount == WindowMonths;
}
