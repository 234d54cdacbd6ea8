using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Submissions.Validation;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// Reads a generic return off the wire. Periods that cannot be read are reported like any other
/// bad field, together with everything the validator finds.
/// </summary>
public static class SubmissionMapper
{
    public static ReturnSubmission ToSubmission(
        string service,
        string areaCode,
        Proto.Period? period,
        IEnumerable<Proto.ObservationInput> observations,
        string submittedBy,
        string source = "")
    {
        var violations = new ViolationCollector();
        if (!period.TryToDomain(out var returnPeriod, out var periodError))
        {
            violations.Add("period", periodError);
        }

        var inputs = new List<ObservationInput>();
        foreach (var (input, index) in observations.Select((o, i) => (o, i)))
        {
            Period? observationPeriod = null;
            if (input.Period is not null)
            {
                if (input.Period.TryToDomain(out var parsed, out var error))
                {
                    observationPeriod = parsed;
                }
                else
                {
                    violations.AddForObservation(index, ToDomain(input, null), "period", error);
                }
            }

            inputs.Add(ToDomain(input, observationPeriod));
        }

        if (violations.Any)
        {
            throw new ReturnRejectedException(violations.Violations);
        }

        return new ReturnSubmission(service, areaCode, returnPeriod, string.IsNullOrWhiteSpace(submittedBy) ? "unknown" : submittedBy, inputs, source);
    }

    private static ObservationInput ToDomain(Proto.ObservationInput input, Period? period) => new(
        input.MeasureId,
        period,
        ContractMapping.ToFigure(input.Value, input.Fraction),
        input.Status.ToDomain(),
        input.Note,
        (Trend)(int)input.Trend,
        input.SourceLine);
}
