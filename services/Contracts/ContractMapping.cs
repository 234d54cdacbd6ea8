using System.Globalization;
using Partnership.Domain;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Contracts;

/// <summary>Small static mappers between the common contract types and the domain types.</summary>
public static class ContractMapping
{
    public static Proto.Period ToContract(this Period period) => new()
    {
        StartDate = Iso(period.Start),
        EndDate = Iso(period.End),
        Kind = ToContractKind(period.Kind),
        Label = period.Label,
    };

    /// <summary>Reads a period from the wire; the label, when given alone, is parsed like the CLI's text.</summary>
    public static bool TryToDomain(this Proto.Period? period, out Period result, out string error)
    {
        result = default;
        if (period is null)
        {
            error = "the period is missing";
            return false;
        }

        if (UndefinedValue(period.Kind, "kind") is { } undefined)
        {
            error = undefined;
            return false;
        }

        if (string.IsNullOrEmpty(period.StartDate) && string.IsNullOrEmpty(period.EndDate))
        {
            return Period.TryParse(period.Label, out result, out error);
        }

        if (!DateOnly.TryParseExact(period.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(period.EndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            error = $"dates '{period.StartDate}' and '{period.EndDate}' are not both YYYY-MM-DD";
            return false;
        }

        return Period.TryFromDates(start, end, period.Kind == Proto.PeriodKind.Snapshot, out result, out error);
    }

    /// <summary>
    /// Why an enum read off the wire is none of the contract's values, or null when it is one.
    /// Proto3 keeps an unknown number as it came; stored, it would be a status or trend nobody can name.
    /// </summary>
    public static string? UndefinedValue<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{field} {Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not one of the contract's values";

    public static Period ToDomain(this Proto.Period period) =>
        period.TryToDomain(out var result, out var error) ? result : throw new FormatException(error);

    public static Figure ToFigure(Proto.DecimalValue? value, Proto.Fraction? fraction) =>
        fraction is not null
            ? new Figure(null, fraction.Numerator?.ToDecimal(), fraction.Denominator?.ToDecimal())
            : new Figure(value?.ToDecimal(), null, null);

    public static Proto.Observation ToContract(this Observation observation)
    {
        var result = new Proto.Observation
        {
            MeasureId = observation.MeasureId,
            AreaCode = observation.AreaCode,
            Period = observation.Period.ToContract(),
            Status = (Proto.ObservationStatus)((int)observation.Status + 1),
            Confidentiality = (Proto.Confidentiality)((int)observation.Confidentiality + 1),
            Note = observation.Note,
            Trend = (Proto.Trend)(int)observation.Trend,
        };
        if (observation.Figure.IsFraction)
        {
            result.Fraction = new Proto.Fraction { Numerator = observation.Figure.Numerator!.Value, Denominator = observation.Figure.Denominator!.Value };
        }
        else if (observation.Figure.Value is { } value)
        {
            result.Value = value;
        }

        return result;
    }

    public static Observation ToDomain(this Proto.Observation observation) => new(
        observation.MeasureId,
        observation.AreaCode,
        observation.Period.ToDomain(),
        ToFigure(observation.Value, observation.Fraction),
        observation.Status.ToDomain(),
        observation.Confidentiality == Proto.Confidentiality.Unspecified ? Confidentiality.Free : (Confidentiality)((int)observation.Confidentiality - 1),
        observation.Note,
        (Trend)(int)observation.Trend);

    public static ObservationStatus ToDomain(this Proto.ObservationStatus status) =>
        status == Proto.ObservationStatus.Unspecified ? ObservationStatus.Final : (ObservationStatus)((int)status - 1);

    public static Proto.Measure ToContract(this MeasureDefinition measure)
    {
        var result = new Proto.Measure
        {
            Id = measure.Id,
            Name = measure.Name,
            Unit = measure.Unit,
            Polarity = (Proto.Polarity)((int)measure.Polarity + 1),
            Rule = (Proto.AggregationRule)((int)measure.Rule + 1),
            DefaultConfidentiality = (Proto.Confidentiality)((int)measure.DefaultConfidentiality + 1),
        };
        result.Cadences.AddRange(measure.Cadences.Select(ToContractKind));
        return result;
    }

    // The contract's enums are the domain's shifted by one, for proto3's zero UNSPECIFIED value.
    private static Proto.PeriodKind ToContractKind(PeriodKind kind) => (Proto.PeriodKind)((int)kind + 1);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
