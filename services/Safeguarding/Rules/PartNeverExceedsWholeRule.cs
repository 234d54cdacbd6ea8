using System.Globalization;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.Safeguarding.Rules;

/// <summary>A part never exceeds its whole within one return (repeat ≤ total, of-which ≤ total).</summary>
public sealed class PartNeverExceedsWholeRule : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        // Index each figure by measure and window: a return can hold figures for more than one window.
        var byMeasure = new Dictionary<(string Measure, string Period), int>();
        for (var i = 0; i < submission.Observations.Count; i++)
        {
            var observation = submission.Observations[i];
            byMeasure.TryAdd((observation.MeasureId, (observation.Period ?? submission.Period).Key), i);
        }

        foreach (var ((measure, period), partIndex) in byMeasure)
        {
            foreach (var (_, whole) in SafeguardingMeasures.PartsOfWholes.Where(p => p.Part == measure))
            {
                if (!byMeasure.TryGetValue((whole, period), out var wholeIndex))
                {
                    continue;
                }

                var part = submission.Observations[partIndex];
                var total = submission.Observations[wholeIndex];
                if (part.Figure.Value is { } partValue && total.Figure.Value is { } wholeValue && partValue > wholeValue)
                {
                    violations.AddForObservation(partIndex, part, "value",
                        $"{Format(partValue)} is more than {whole} ({Format(wholeValue)}, observations[{wholeIndex}]); a part never exceeds its whole");
                }
            }
        }
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
