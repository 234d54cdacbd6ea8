using System.Globalization;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Rules;

/// <summary>Days from charge to completion belong to completed cases: days with no completed case cannot be averaged.</summary>
public sealed class CaseProgressionRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (submission.Source != JusticeReturnSources.CaseProgression)
        {
            return;
        }

        var observations = ReturnObservations.Of(submission);
        foreach (var type in Enum.GetValues<CourtType>())
        {
            if (observations.Find(JusticeMeasures.DaysToResolutionOf(type)) is { } days && days.Input.Figure is { Numerator: > 0, Denominator: 0 })
            {
                violations.AddForObservation(days.Index, days.Input, "numerator", string.Create(CultureInfo.InvariantCulture,
                    $"{days.Input.Figure.Numerator} days from charge to completion are given for no completed cases"));
            }
        }
    }
}
