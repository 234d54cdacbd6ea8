using System.Globalization;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.VictimServices.Returns;

/// <summary>
/// Who reports what: a commissioned provider reports force-wide service figures for the force area it
/// is commissioned for; the force reports its own victim figures (satisfaction, needs assessments,
/// updates) without a commission, by force and district.
/// </summary>
public sealed class ReturnSourceRule(MeasureCatalogue catalogue, Geography geography) : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        var isProvider = !string.IsNullOrEmpty(submission.Source);
        if (isProvider && geography.TryGet(submission.AreaCode, out var area) && area.Type != AreaType.Force)
        {
            violations.Add("area_code", $"a commissioned service reports for the force area it is commissioned for, not the district {area.Name} ({area.Code})");
        }

        for (var i = 0; i < submission.Observations.Count; i++)
        {
            var input = submission.Observations[i];
            if (!catalogue.TryGet(input.MeasureId, out var measure) || measure.Service != submission.Service)
            {
                continue;
            }

            if (isProvider && measure.Level != SubmissionLevel.Force)
            {
                violations.AddForObservation(i, input, "measure_id", "is the force's own victim figure; the force submits it in its return, without a commission");
            }
            else if (!isProvider && measure.Level == SubmissionLevel.Force)
            {
                violations.AddForObservation(i, input, "measure_id", "is reported by commissioned providers; submit it with the commission_id of the service");
            }
        }
    }
}

/// <summary>Every referral has one source, so the referrals from each source add up to the total.</summary>
public sealed class ReferralSourcesRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        var figures = new ReturnFigures(submission);
        foreach (var period in figures.PeriodKeys)
        {
            var hasTotal = figures.TryGet(VictimMeasures.Referrals, period, out var totalIndex, out var total);
            var sources = VictimMeasures.ReferralSources
                .Select(id => (Id: id, Found: figures.TryGet(id, period, out var index, out var input), Index: index, Input: input))
                .ToList();
            var given = sources.Where(s => s.Found).ToList();
            if (!hasTotal)
            {
                if (given.Count > 0)
                {
                    var first = given[0];
                    violations.AddForObservation(first.Index, first.Input, "measure_id", $"referrals by source are given, so their total {VictimMeasures.Referrals} is needed too");
                }

                continue;
            }

            var missing = sources.Where(s => !s.Found).Select(s => s.Id).ToList();
            if (missing.Count > 0)
            {
                violations.AddForObservation(totalIndex, total, "value", $"the referrals from every source are needed to check the total (0 where there were none); missing: {string.Join(", ", missing)}");
                continue;
            }

            if (total.Figure.Value is not { } totalValue || given.Any(s => s.Input.Figure.Value is null))
            {
                // A figure without a value is already reported by the shared checks.
                continue;
            }

            var sum = given.Sum(s => s.Input.Figure.Value!.Value);
            if (sum != totalValue)
            {
                var parts = string.Join(" + ", given.Select(s => $"{Format(s.Input.Figure.Value!.Value)} {s.Id}"));
                violations.AddForObservation(totalIndex, total, "value", $"referrals by source add up to {Format(sum)} ({parts}) but the total is {Format(totalValue)}");
            }
        }
    }

    private static string Format(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Parts never exceed their whole: clients closed with an outcome measured (the denominator of
/// wellbeing improved) are some of the cases closed. Numerators within denominators (improved within
/// measured, satisfied within respondents) are the shared validator's check.
/// </summary>
public sealed class OutcomesWithinClosedCasesRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        var figures = new ReturnFigures(submission);
        foreach (var period in figures.PeriodKeys)
        {
            if (figures.TryGet(VictimMeasures.WellbeingImproved, period, out var index, out var wellbeing)
                && figures.TryGet(VictimMeasures.CasesClosed, period, out _, out var closed)
                && wellbeing.Figure.Denominator is { } measured
                && closed.Figure.Value is { } closedCount
                && measured > closedCount)
            {
                violations.AddForObservation(index, wellbeing, "denominator", $"{measured.ToString(CultureInfo.InvariantCulture)} clients closed with an outcome measured is more than the {closedCount.ToString(CultureInfo.InvariantCulture)} cases closed ({VictimMeasures.CasesClosed})");
            }
        }
    }
}
