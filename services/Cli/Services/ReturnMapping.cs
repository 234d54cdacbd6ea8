using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Returns;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Services;

/// <summary>Maps a return read from a file to the wire.</summary>
public static class ReturnMapping
{
    public static ReturnToSend ToSend(this CsvReturn csvReturn, string submittedBy) => new(
        csvReturn.AreaCode,
        csvReturn.Period.ToContract(),
        [.. csvReturn.Observations.Select(o => o.ToContract(csvReturn.Period))],
        submittedBy);

    public static Proto.ObservationInput ToContract(this CsvObservation observation, Period returnPeriod)
    {
        var input = new Proto.ObservationInput
        {
            MeasureId = observation.MeasureId,
            // The line lets the service's error messages, and this tool, point back into the file.
            SourceLine = observation.Line,
            // The contract's enums are the domain's shifted by one for proto3's UNSPECIFIED; a blank
            // status stays unspecified so the service applies its own default.
            Status = observation.Status is { } status ? (Proto.ObservationStatus)((int)status + 1) : Proto.ObservationStatus.Unspecified,
            Trend = (Proto.Trend)(int)observation.Trend,
            Note = observation.Note,
        };

        // An empty period means "the return's period"; only rows for another window carry their own.
        if (observation.Period != returnPeriod)
        {
            input.Period = observation.Period.ToContract();
        }

        if (observation.Figure.IsFraction)
        {
            input.Fraction = new Proto.Fraction { Numerator = observation.Figure.Numerator!.Value, Denominator = observation.Figure.Denominator!.Value };
        }
        else if (observation.Figure.Value is { } value)
        {
            input.Value = value;
        }

        return input;
    }
}
