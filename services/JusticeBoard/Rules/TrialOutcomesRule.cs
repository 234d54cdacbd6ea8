using System.Globalization;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Rules;

/// <summary>Every trial listed ended effective, cracked, ineffective or vacated: the outcomes add up to the trials listed.</summary>
public sealed class TrialOutcomesRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (submission.Source != JusticeReturnSources.Trials)
        {
            return;
        }

        var observations = ReturnObservations.Of(submission);
        foreach (var type in Enum.GetValues<CourtType>())
        {
            if (observations.Find(JusticeMeasures.Trials(TrialOutcome.Listed, type)) is not { } listed)
            {
                continue;
            }

            var outcomes = JusticeMeasures.OutcomesOfListed.Select(o => observations.Find(JusticeMeasures.Trials(o, type))?.Input.Figure.Value ?? 0m).ToList();
            if (outcomes.Sum() != listed.Input.Figure.Value)
            {
                violations.AddForObservation(listed.Index, listed.Input, "value", string.Create(CultureInfo.InvariantCulture,
                    $"effective {outcomes[0]} + cracked {outcomes[1]} + ineffective {outcomes[2]} + vacated {outcomes[3]} = {outcomes.Sum()}, not the {listed.Input.Figure.Value} trials listed"));
            }
        }
    }
}
