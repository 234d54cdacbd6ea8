using System.Text.RegularExpressions;
using Partnership.Domain;
using Partnership.Submissions;

namespace Partnership.JusticeBoard.Returns;

/// <summary>Which fields of the typed request one observation was made from.</summary>
public sealed record ObservationFields(string Figure, string? Denominator = null, string? Period = null, string? Measure = null);

/// <summary>
/// A typed justice return reduced to the generic submission the shared pipeline validates and stores.
/// It remembers which request field each observation came from, so a violation the pipeline reports
/// against <c>observations[3].denominator</c> names <c>court_types[1].first_hearings</c> instead.
/// </summary>
public sealed partial record JusticeReturn(
    ReturnSubmission Submission,
    IReadOnlyList<ObservationFields> Fields,
    string AreaField,
    string PeriodField,
    string SourceField)
{
    public string FieldOf(string pipelineField)
    {
        var match = ObservationField().Match(pipelineField);
        if (match.Success && int.Parse(match.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is var index && index < Fields.Count)
        {
            var fields = Fields[index];
            return match.Groups["field"].Value switch
            {
                "denominator" => fields.Denominator ?? fields.Figure,
                "period" => fields.Period ?? PeriodField,
                "measure_id" => fields.Measure ?? fields.Figure,
                _ => fields.Figure,
            };
        }

        return pipelineField switch
        {
            "area_code" => AreaField,
            "period" => PeriodField,
            "source" or FieldViolation.WholeReturn => SourceField,
            _ => pipelineField,
        };
    }

    [GeneratedRegex(@"^observations\[(?<index>[0-9]+)\](?:\.(?<field>\w+))?$")]
    private static partial Regex ObservationField();
}

/// <summary>Builds a <see cref="JusticeReturn"/> one figure at a time, with the return's status and note.</summary>
public sealed class JusticeReturnBuilder(ObservationStatus status, string returnNote)
{
    private readonly List<ObservationInput> _observations = [];
    private readonly List<ObservationFields> _fields = [];

    public JusticeReturnBuilder Add(string measureId, Figure figure, ObservationFields fields, int line, Period? period = null, string? note = null)
    {
        _observations.Add(new ObservationInput(measureId, period, figure, status, note ?? returnNote, SourceLine: line));
        _fields.Add(fields);
        return this;
    }

    public JusticeReturnBuilder AddCount(string measureId, long value, string field, int line, Period? period = null, string? periodField = null) =>
        Add(measureId, Figure.OfValue(value), new ObservationFields(field, null, periodField), line, period);

    public JusticeReturnBuilder AddFraction(string measureId, decimal numerator, decimal denominator, string numeratorField, string denominatorField, int line) =>
        Add(measureId, Figure.OfFraction(numerator, denominator), new ObservationFields(numeratorField, denominatorField), line);

    public JusticeReturn Build(string areaCode, Period period, string source, string submittedBy, string areaField, string periodField, string sourceField) =>
        new(new ReturnSubmission(Extensions.Identity.Name, areaCode, period, submittedBy, [.. _observations], source), [.. _fields], areaField, periodField, sourceField);
}
