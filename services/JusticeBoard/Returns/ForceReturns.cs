using Partnership.Domain;

namespace Partnership.JusticeBoard.Returns;

/// <summary>Trials listed in a period by court type and what became of them.</summary>
public sealed record TrialOutcomes(CourtType CourtType, long Listed, long Effective, long Cracked, long Ineffective, long Vacated, int SourceLine = 0)
{
    public long this[TrialOutcome outcome] => outcome switch
    {
        TrialOutcome.Listed => Listed,
        TrialOutcome.Effective => Effective,
        TrialOutcome.Cracked => Cracked,
        TrialOutcome.Ineffective => Ineffective,
        _ => Vacated,
    };
}

public sealed record TrialEffectivenessReturn(string ForceAreaCode, Period Period, IReadOnlyList<TrialOutcomes> CourtTypes, ObservationStatus Status = ObservationStatus.Final, string Note = "")
{
    public JusticeReturn ToReturn(string submittedBy)
    {
        var builder = new JusticeReturnBuilder(Status, Note);
        foreach (var (trials, index) in CourtTypes.Select((t, i) => (t, i)))
        {
            var prefix = $"court_types[{index}]";
            foreach (var outcome in Enum.GetValues<TrialOutcome>())
            {
                builder.AddCount(JusticeMeasures.Trials(outcome, trials.CourtType), trials[outcome], $"{prefix}.{outcome.ToString().ToLowerInvariant()}", trials.SourceLine);
            }

            // Vacated trials were taken out of the list before their day, so the rates are over the
            // trials that reached it (effective + cracked + ineffective), as the MoJ's court statistics count them.
            var reached = trials.Listed - trials.Vacated;
            if (reached >= 0 && JusticeMeasures.OutcomesOfListed.All(o => trials[o] >= 0))
            {
                builder.AddFraction(JusticeMeasures.IneffectiveTrialRate(trials.CourtType), trials.Ineffective, reached, $"{prefix}.ineffective", $"{prefix}.listed", trials.SourceLine);
                builder.AddFraction(JusticeMeasures.CrackedTrialRate(trials.CourtType), trials.Cracked, reached, $"{prefix}.cracked", $"{prefix}.listed", trials.SourceLine);
            }
        }

        return builder.Build(ForceAreaCode, Period, JusticeReturnSources.Trials, submittedBy, "force_area_code", "period", "period");
    }
}

/// <summary>Early guilty pleas and the time from charge to completion, by court type.</summary>
public sealed record CaseProgressionFigures(CourtType CourtType, long FirstHearings, long EarlyGuiltyPleas, long CompletedCases, long TotalDaysChargeToCompletion, int SourceLine = 0);

public sealed record CaseProgressionReturn(string ForceAreaCode, Period Period, IReadOnlyList<CaseProgressionFigures> CourtTypes, ObservationStatus Status = ObservationStatus.Final, string Note = "")
{
    public JusticeReturn ToReturn(string submittedBy)
    {
        var builder = new JusticeReturnBuilder(Status, Note);
        foreach (var (figures, index) in CourtTypes.Select((t, i) => (t, i)))
        {
            var prefix = $"court_types[{index}]";
            builder.AddFraction(JusticeMeasures.EarlyGuiltyPleaRate(figures.CourtType), figures.EarlyGuiltyPleas, figures.FirstHearings, $"{prefix}.early_guilty_pleas", $"{prefix}.first_hearings", figures.SourceLine);
            builder.AddFraction(JusticeMeasures.DaysToResolutionOf(figures.CourtType), figures.TotalDaysChargeToCompletion, figures.CompletedCases, $"{prefix}.total_days_charge_to_completion", $"{prefix}.completed_cases", figures.SourceLine);
        }

        // The all-courts average is total days over total cases: a weighted average, never the mean of the two courts' averages.
        if (CourtTypes.Count > 0)
        {
            var all = Timeliness(CourtTypes);
            builder.AddFraction(JusticeMeasures.DaysToResolution, all.TotalDays, all.Cases, "court_types.total_days_charge_to_completion", "court_types.completed_cases", CourtTypes[0].SourceLine);
        }

        return builder.Build(ForceAreaCode, Period, JusticeReturnSources.CaseProgression, submittedBy, "force_area_code", "period", "period");
    }

    public static (long TotalDays, long Cases) Timeliness(IEnumerable<CaseProgressionFigures> figures) =>
        figures.Aggregate((TotalDays: 0L, Cases: 0L), (sum, f) => (sum.TotalDays + f.TotalDaysChargeToCompletion, sum.Cases + f.CompletedCases));
}

public sealed record ReoffendingCohort(AgeGroup AgeGroup, long CohortSize, long Reoffenders, int SourceLine = 0);

public sealed record FirstTimeEntrants(AgeGroup AgeGroup, long Count, int SourceLine = 0);

/// <summary>
/// Proven reoffending for a cohort and first-time entrants for a window; the two windows usually
/// differ (reoffending is measured a year or more after the cohort), so each is its own return.
/// </summary>
public sealed record ReoffendingReturn(
    string ForceAreaCode,
    Period? CohortPeriod,
    IReadOnlyList<ReoffendingCohort> Cohorts,
    Period? EntrantsPeriod,
    IReadOnlyList<FirstTimeEntrants> Entrants,
    ObservationStatus Status = ObservationStatus.Final,
    string Note = "")
{
    public IReadOnlyList<JusticeReturn> ToReturns(string submittedBy)
    {
        var returns = new List<JusticeReturn>();
        if (CohortPeriod is { } cohortPeriod && Cohorts.Count > 0)
        {
            var builder = new JusticeReturnBuilder(Status, Note);
            foreach (var (cohort, index) in Cohorts.Select((c, i) => (c, i)))
            {
                builder.AddFraction(JusticeMeasures.ReoffendingRate(cohort.AgeGroup), cohort.Reoffenders, cohort.CohortSize, $"cohorts[{index}].reoffenders", $"cohorts[{index}].cohort_size", cohort.SourceLine);
            }

            returns.Add(builder.Build(ForceAreaCode, cohortPeriod, JusticeReturnSources.Reoffending, submittedBy, "force_area_code", "cohort_period", "cohort_period"));
        }

        if (EntrantsPeriod is { } entrantsPeriod && Entrants.Count > 0)
        {
            var builder = new JusticeReturnBuilder(Status, Note);
            foreach (var (entrants, index) in Entrants.Select((e, i) => (e, i)))
            {
                builder.AddCount(JusticeMeasures.FirstTimeEntrants(entrants.AgeGroup), entrants.Count, $"first_time_entrants[{index}].count", entrants.SourceLine);
            }

            returns.Add(builder.Build(ForceAreaCode, entrantsPeriod, JusticeReturnSources.FirstTimeEntrants, submittedBy, "force_area_code", "entrants_period", "entrants_period"));
        }

        return returns;
    }
}

public sealed record ComplianceFigure(string MeasureCode, long Numerator, long Denominator, string Note = "", int SourceLine = 0);

/// <summary>Victims' Code compliance figures from one of the framework's data sources.</summary>
public sealed record VictimsCodeReturn(string ForceAreaCode, Period Period, string DataSource, IReadOnlyList<ComplianceFigure> Figures, ObservationStatus Status = ObservationStatus.Final)
{
    public JusticeReturn ToReturn(string submittedBy)
    {
        var builder = new JusticeReturnBuilder(Status, "");
        foreach (var (figure, index) in Figures.Select((f, i) => (f, i)))
        {
            builder.Add(JusticeMeasures.VictimsCode(figure.MeasureCode), Figure.OfFraction(figure.Numerator, figure.Denominator),
                new ObservationFields($"figures[{index}].numerator", $"figures[{index}].denominator", Measure: $"figures[{index}].measure_code"), figure.SourceLine, note: figure.Note);
        }

        return builder.Build(ForceAreaCode, Period, JusticeReturnSources.VictimsCode(DataSource), submittedBy, "force_area_code", "period", "data_source");
    }
}
