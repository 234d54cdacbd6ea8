using System.Text;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Security;

namespace Partnership.Reporting.ReadModel;

/// <summary>A dead letter's payload as one reader may see it, and what was left out for them.</summary>
public sealed record DeadLetterPayload(string Payload, string Withheld);

/// <summary>
/// What an operator sees of a dead letter's payload. The operations role lets a reader list dead
/// letters, not read every figure: the figures inside are filtered as every other read is
/// (<see cref="ReadAccess"/>), and a payload that cannot be read as an event, so cannot be filtered,
/// is shown only to a reader who may read every figure (both reader roles, national).
/// </summary>
public sealed class DeadLetterView(MeasureCatalogue catalogue, ReadAccess access)
{
    public DeadLetterPayload For(Caller caller, DeadLetter row)
    {
        var bytes = Encoding.UTF8.GetBytes(row.Payload);
        if (!QuarterlyUpdateCodec.TryParse(row.ContentType, bytes, out var update, out _))
        {
            return MayReadEverything(caller)
                ? new DeadLetterPayload(row.Payload, "")
                : new DeadLetterPayload("", "The payload cannot be read as an event, so its figures cannot be filtered: only a national reader of restricted and safeguarding figures sees it.");
        }

        var kept = update.Observations.Where(o => MayRead(caller, o)).ToList();
        var left = update.Observations.Count - kept.Count;
        if (left == 0)
        {
            return new DeadLetterPayload(row.Payload, "");
        }

        var shown = update.Clone();
        shown.Observations.Clear();
        shown.Observations.AddRange(kept);
        return new DeadLetterPayload(
            Encoding.UTF8.GetString(QuarterlyUpdateCodec.Serialize(shown)),
            $"{left} of {update.Observations.Count} figures left out: this token may not read them.");
    }

    private bool MayRead(Caller caller, Contracts.Common.V1.Observation observation)
    {
        // A figure of a measure this aggregator does not know cannot be judged, so it is not shown.
        if (!catalogue.TryGet(observation.MeasureId, out var measure))
        {
            return MayReadEverything(caller);
        }

        var figure = observation.ToDomain();
        return access.MayRead(caller, measure, figure.Confidentiality, figure.AreaCode, figure.Period.End);
    }

    private static bool MayReadEverything(Caller caller) =>
        caller.IsInRole(Roles.PartnerReader) && caller.IsInRole(Roles.SafeguardingReader) && caller.IsInRole(Roles.NationalReader);
}
