using System.Globalization;
using Partnership.Domain;

namespace Partnership.Submissions.Validation;

/// <summary>
/// The catalogue checks every domain service applies to a return, in one place, followed by the
/// service's own rules. Reports every problem, never just the first.
/// </summary>
public sealed class ReturnValidator(MeasureCatalogue catalogue, Geography geography, IEnumerable<IReturnRule> rules)
{
    public const int MaxObservationsPerReturn = 20_000;
    public const decimal MaxFigure = 1_000_000_000_000m;

    /// <summary>GSS codes are nine characters; a little room for other schemes, none for a flood.</summary>
    public const int MaxCodeLength = 32;

    public const int MaxNoteLength = 2_000;

    private readonly IReadOnlyList<IReturnRule> _rules = [.. rules];

    public IReadOnlyList<FieldViolation> Validate(ReturnSubmission submission)
    {
        var violations = new ViolationCollector();
        if (submission.AreaCode.Length > MaxCodeLength)
        {
            violations.Add("area_code", $"is {submission.AreaCode.Length} characters long; an area code has at most {MaxCodeLength}");
        }
        else if (!geography.TryGet(submission.AreaCode, out _))
        {
            violations.Add("area_code", $"unknown area '{submission.AreaCode}'");
        }

        if (submission.Source.Length > MaxCodeLength * 4)
        {
            violations.Add("source", $"is {submission.Source.Length} characters long; at most {MaxCodeLength * 4} are accepted");
        }
        else if (submission.Source.Contains('\0', StringComparison.Ordinal))
        {
            violations.Add("source", "contains a NUL character");
        }

        if (submission.Observations.Count == 0)
        {
            violations.Add("observations", "the return has no observations");
        }
        else if (submission.Observations.Count > MaxObservationsPerReturn)
        {
            violations.Add("observations", $"the return has {submission.Observations.Count} observations; at most {MaxObservationsPerReturn} are accepted in one return");
            return violations.Violations;
        }

        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < submission.Observations.Count; i++)
        {
            var observation = submission.Observations[i];
            if (observation.Note.Length > MaxNoteLength)
            {
                violations.AddForObservation(i, observation, "note", $"is {observation.Note.Length} characters long; a note has at most {MaxNoteLength}");
            }
            else if (observation.Note.Contains('\0', StringComparison.Ordinal))
            {
                // PostgreSQL cannot store it, and no partner means it: a sign of a binary or mis-encoded file.
                violations.AddForObservation(i, observation, "note", "contains a NUL character");
            }

            if (observation.MeasureId.Length > MaxCodeLength * 4)
            {
                // Not echoed: the partner's file has it, and a reply must stay small.
                violations.AddForObservation(i, observation with { MeasureId = "" }, "measure_id", $"is {observation.MeasureId.Length} characters long; a measure id has at most {MaxCodeLength * 4}");
                continue;
            }

            if (!catalogue.TryGet(observation.MeasureId, out var measure))
            {
                violations.AddForObservation(i, observation, "measure_id", $"unknown measure '{observation.MeasureId}'");
                continue;
            }

            if (measure.Service != submission.Service)
            {
                violations.AddForObservation(i, observation, "measure_id", $"is submitted to the {measure.Service} service, not {submission.Service}");
                continue;
            }

            if (measure.IsDerived)
            {
                violations.AddForObservation(i, observation, "measure_id", measure.DerivedFrom!.Denominator is { } denominator
                    ? $"is derived by the aggregator from {measure.DerivedFrom.Numerator} and {denominator}; submit those instead"
                    : $"is derived by the aggregator from {measure.DerivedFrom.Numerator} and the area's population; submit {measure.DerivedFrom.Numerator} instead");
                continue;
            }

            var period = observation.Period ?? submission.Period;
            if (!ReturnWindow.Holds(submission.Period, period))
            {
                violations.AddForObservation(i, observation, "period", ReturnWindow.Refusal(submission.Period, period));
            }

            if (!measure.Allows(period))
            {
                violations.AddForObservation(i, observation, "period", $"period {period.Label} is a {Describe(period.Kind)}, but this measure is reported for {string.Join(" or ", measure.Cadences.Select(Describe))}");
            }

            if (!seen.TryAdd((measure.Id, period.Key), i))
            {
                violations.AddForObservation(i, observation, "measure_id", $"appears twice for {period.Label} (first at observations[{seen[(measure.Id, period.Key)]}])");
            }

            CheckFigure(i, observation, measure, violations);
        }

        foreach (var rule in _rules)
        {
            rule.Check(submission, violations);
        }

        return violations.Violations;
    }

    private static void CheckFigure(int index, ObservationInput observation, MeasureDefinition measure, ViolationCollector violations)
    {
        var figure = observation.Figure;
        switch (measure.Kind)
        {
            case FigureKind.Ratio or FigureKind.Quotient or FigureKind.Percent when figure.IsFraction:
                CheckRange(index, observation, "numerator", figure.Numerator!.Value, violations);
                CheckRange(index, observation, "denominator", figure.Denominator!.Value, violations);
                // An average or a duration (a quotient) may exceed 1; a share of a whole may not.
                if (measure.Kind != FigureKind.Quotient && figure.Numerator > figure.Denominator)
                {
                    violations.AddForObservation(index, observation, "numerator", $"numerator {Format(figure.Numerator)} is greater than denominator {Format(figure.Denominator)}");
                }

                break;

            case FigureKind.Ratio:
                violations.AddForObservation(index, observation, "numerator", "a ratio measure needs a numerator and a denominator, not a bare value");
                break;

            case FigureKind.Quotient:
                violations.AddForObservation(index, observation, "numerator", "an average or duration needs its total (numerator) and count (denominator), not a bare value");
                break;

            case FigureKind.Percent:
                if (figure.Value is not { } percent)
                {
                    violations.AddForObservation(index, observation, "value", "a percentage needs a value");
                }
                else if (percent is < 0 or > 100)
                {
                    violations.AddForObservation(index, observation, "value", $"percentage {Format(percent)} is outside 0-100");
                }

                break;

            default:
                if (figure.IsFraction)
                {
                    violations.AddForObservation(index, observation, "value", "a count needs a value, not a numerator and denominator");
                }
                else if (figure.Value is not { } count)
                {
                    violations.AddForObservation(index, observation, "value", "a count needs a value");
                }
                else
                {
                    CheckRange(index, observation, "value", count, violations);
                    if (count != decimal.Truncate(count))
                    {
                        violations.AddForObservation(index, observation, "value", $"count {Format(count)} is not a whole number");
                    }
                }

                break;
        }
    }

    private static void CheckRange(int index, ObservationInput observation, string field, decimal value, ViolationCollector violations)
    {
        if (value < 0)
        {
            violations.AddForObservation(index, observation, field, $"{field} {Format(value)} is negative");
        }
        else if (value > MaxFigure)
        {
            violations.AddForObservation(index, observation, field, $"{field} {Format(value)} is implausibly large");
        }
    }

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Describe(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "financial quarter",
        PeriodKind.HalfYear => "half year",
        PeriodKind.FinancialYear => "financial year",
        PeriodKind.Rolling12Months => "rolling 12 months",
        PeriodKind.YearToDate => "year to date",
        PeriodKind.Snapshot => "snapshot date",
        _ => "window of months",
    };
}
