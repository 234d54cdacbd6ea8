using Partnership.Submissions;

namespace Partnership.VictimServices.Returns;

/// <summary>A return's figures indexed by measure and period, so a rule can compare parts with their whole.</summary>
internal sealed class ReturnFigures
{
    private readonly Dictionary<(string Measure, string Period), (int Index, ObservationInput Input)> _byMeasure = [];

    public ReturnFigures(ReturnSubmission submission)
    {
        for (var i = 0; i < submission.Observations.Count; i++)
        {
            var input = submission.Observations[i];
            // Duplicates are the shared validator's to report; the first one stands here.
            _byMeasure.TryAdd((input.MeasureId, (input.Period ?? submission.Period).Key), (i, input));
        }

        PeriodKeys = [.. _byMeasure.Keys.Select(k => k.Period).Distinct()];
    }

    public IReadOnlyList<string> PeriodKeys { get; }

    public bool TryGet(string measure, string period, out int index, out ObservationInput input)
    {
        var found = _byMeasure.TryGetValue((measure, period), out var entry);
        (index, input) = entry;
        return found;
    }
}
