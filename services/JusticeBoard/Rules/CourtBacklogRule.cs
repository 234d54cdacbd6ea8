using System.Globalization;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Rules;

/// <summary>
/// A court's age bands add up to its outstanding total. (That its receipts and disposals are for the
/// window leading up to the snapshot date is the shared check of which rows a return holds.)
/// </summary>
public sealed class CourtBacklogRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (!submission.Source.StartsWith(JusticeReturnSources.CourtBacklogPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var observations = ReturnObservations.Of(submission);
        foreach (var type in Enum.GetValues<CourtType>())
        {
            if (observations.Find(JusticeMeasures.Outstanding(type)) is { } total)
            {
                var bands = JusticeMeasures.Bands.Select(b => observations.Find(JusticeMeasures.Outstanding(type, b))?.Input.Figure.Value ?? 0m).ToList();
                if (bands.Sum() != total.Input.Figure.Value)
                {
                    violations.AddForObservation(total.Index, total.Input, "value", string.Create(CultureInfo.InvariantCulture,
                        $"the age bands ({string.Join(" + ", bands)}) add up to {bands.Sum()}, not the outstanding total {total.Input.Figure.Value}"));
                }
            }
        }
    }
}

/// <summary>Finds a return's observations by measure, with their index for violations.</summary>
internal sealed class ReturnObservations(ReturnSubmission submission)
{
    public static ReturnObservations Of(ReturnSubmission submission) => new(submission);

    public (int Index, ObservationInput Input)? Find(string measureId)
    {
        for (var i = 0; i < submission.Observations.Count; i++)
        {
            if (submission.Observations[i].MeasureId == measureId)
            {
                return (i, submission.Observations[i]);
            }
        }

        return null;
    }
}
