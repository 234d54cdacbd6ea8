using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Rules;

/// <summary>
/// A Victims' Code return holds only the framework's measures, each from the data source the
/// framework names for it: a survey percentage is not a case-file audit.
/// </summary>
public sealed class VictimsCodeRule(VictimsCodeFramework framework, MeasureCatalogue catalogue) : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (!submission.Source.StartsWith(JusticeReturnSources.VictimsCodePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var source = submission.Source[JusticeReturnSources.VictimsCodePrefix.Length..];
        if (!framework.HasSource(source))
        {
            violations.Add("source", $"'{source}' is not a data source of the Victims' Code framework {framework.Version}; the sources are {string.Join(", ", framework.Sources.Select(s => s.Code))}");
            return;
        }

        for (var i = 0; i < submission.Observations.Count; i++)
        {
            var observation = submission.Observations[i];
            // An id the catalogue does not know has already been reported as unknown.
            if (!catalogue.TryGet(observation.MeasureId, out _))
            {
                continue;
            }

            var code = observation.MeasureId.StartsWith(JusticeMeasures.VictimsCodePrefix, StringComparison.Ordinal)
                ? observation.MeasureId[JusticeMeasures.VictimsCodePrefix.Length..]
                : "";
            if (!framework.TryGetMeasure(code, out var measure))
            {
                violations.AddForObservation(i, observation, "measure_id", $"is not a measure of the Victims' Code framework {framework.Version}");
            }
            else if (measure.Source != source)
            {
                violations.AddForObservation(i, observation, "measure_id", $"is measured from {measure.Source} data, not {source}");
            }
        }
    }
}
