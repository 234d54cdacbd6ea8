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

            foreach (var (field, problem) in WireProblems(input))
            {
                violations.AddForObservation(index, ToDomain(input, null), field, problem);
            }

            inputs.Add(ToDomain(input, observationPeriod));
        }

        if (violations.Any)
        {
            throw new ReturnRejectedException(violations.Violations);
        }

        return new ReturnSubmission(service, areaCode, returnPeriod, string.IsNullOrWhiteSpace(submittedBy) ? "unknown" : submittedBy, inputs, source);
    }

    /// <summary>Values the wire can carry but the contract does not define: refused before they reach a rule or the store.</summary>
    private static IEnumerable<(string Field, string Problem)> WireProblems(Proto.ObservationInput input)
    {
        if (ContractMapping.UndefinedValue(input.Status, "status") is { } status)
        {
            yield return ("status", status);
        }

        if (ContractMapping.UndefinedValue(input.Trend, "trend") is { } trend)
        {
            yield return ("trend", trend);
        }

        if (input.Value?.Problem is { } value)
        {
            yield return ("value", value);
        }

        if (input.Fraction?.Numerator?.Problem is { } numerator)
        {
            yield return ("numerator", numerator);
        }

        if (input.Fraction?.Denominator?.Problem is { } denominator)
        {
            yield return ("denominator", denominator);
        }
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
