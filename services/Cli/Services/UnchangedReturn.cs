using Grpc.Core;
using Partnership.Contracts;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Services;

/// <summary>The revision a service holds now for the return being sent: its number, who sent it and its figures.</summary>
public sealed record CurrentRevision(int Revision, string SubmittedBy, IReadOnlyList<Proto.Observation> Observations);

/// <summary>
/// Tells a resubmission that changes nothing: every figure, status, note and trend as the current
/// revision holds them. Sending it would add a revision that says the same, and a partner who meant
/// to send a corrected file has most likely picked up the old one.
/// </summary>
public static class UnchangedReturn
{
    /// <summary>
    /// The current revision's number when <paramref name="toSend"/> says exactly what it says and, where
    /// the token names its <paramref name="agency"/>, that agency sent it; null otherwise. Another agency's
    /// identical file is left to the service, which decides whether that agency may submit for the area.
    /// </summary>
    public static int? RevisionMatching(ReturnToSend toSend, CurrentRevision? current, string? agency)
    {
        if (current is null || (agency is not null && current.SubmittedBy != agency) || current.Observations.Count != toSend.Observations.Count)
        {
            return null;
        }

        var stored = current.Observations.Select(o => Key(o.MeasureId, o.Period, o.Value, o.Fraction, o.Status, o.Note, o.Trend)).ToHashSet(StringComparer.Ordinal);
        var sent = toSend.Observations
            .Select(o => Key(o.MeasureId, o.Period ?? toSend.Period, o.Value, o.Fraction,
                // A blank status is stored as final (the services' default).
                o.Status == Proto.ObservationStatus.Unspecified ? Proto.ObservationStatus.Final : o.Status, o.Note, o.Trend))
            .ToHashSet(StringComparer.Ordinal);
        return stored.SetEquals(sent) ? current.Revision : null;
    }

    /// <summary>Reads the current revision through <paramref name="get"/>; null when there is none or this caller may not read it.</summary>
    public static async Task<CurrentRevision?> ReadAsync(Func<Task<IReturnMessage>> get)
    {
        try
        {
            var current = await get();
            return new CurrentRevision(current.Revision, current.SubmittedBy, current.Observations);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return null;
        }
    }

    private static string Key(string measure, Proto.Period? period, Proto.DecimalValue? value, Proto.Fraction? fraction, Proto.ObservationStatus status, string note, Proto.Trend trend) =>
        string.Join('|',
            measure,
            period?.StartDate,
            period?.EndDate,
            Number(value),
            Number(fraction?.Numerator),
            Number(fraction?.Denominator),
            (int)status,
            note.Trim(),
            (int)trend);

    private static string Number(Proto.DecimalValue? value) =>
        value is null ? "" : value.ToDecimal().ToString("G29", System.Globalization.CultureInfo.InvariantCulture);
}
