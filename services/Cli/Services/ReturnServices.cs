using Grpc.Core;
using Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;
using Victims = Partnership.Contracts.Victims.V1;

namespace Partnership.Cli.Services;

/// <summary>
/// The services the CLI can submit to. Adding the justice, victims or safeguarding service is one
/// entry here with its two small adapters; the commands do not change.
/// </summary>
public static class ReturnServices
{
    public static IReadOnlyList<ReturnService> All { get; } =
    [
        new("crime", "crime measures service", "crime-measures", SubmitCrimeAsync, ListCrimeMeasuresAsync),
        new("victims", "victim services service", "victim-services", SubmitVictimsAsync, ListVictimMeasuresAsync, "commissioned service"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    public static ReturnService Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown service '{name}'; the services are {string.Join(", ", Names)}.", nameof(name));

    private static async Task<SubmitOutcome> SubmitCrimeAsync(ChannelBase channel, ReturnToSend toSend, CallOptions options)
    {
        var request = new SubmitReturnRequest { AreaCode = toSend.AreaCode, Period = toSend.Period, SubmittedBy = toSend.SubmittedBy };
        request.Observations.AddRange(toSend.Observations);
        var response = await new CrimeMeasures.CrimeMeasuresClient(channel).SubmitReturnAsync(request, options);
        return new SubmitOutcome(response.ReturnId, response.Revision, response.ObservationsAccepted);
    }

    private static async Task<SubmitOutcome> SubmitVictimsAsync(ChannelBase channel, ReturnToSend toSend, CallOptions options)
    {
        var request = new Victims.SubmitReturnRequest { AreaCode = toSend.AreaCode, Period = toSend.Period, SubmittedBy = toSend.SubmittedBy, CommissionId = toSend.Source };
        request.Observations.AddRange(toSend.Observations);
        var response = await new Victims.VictimServices.VictimServicesClient(channel).SubmitReturnAsync(request, options);
        return new SubmitOutcome(response.ReturnId, response.Revision, response.ObservationsAccepted);
    }

    private static async Task<IReadOnlyList<Proto.Measure>> ListVictimMeasuresAsync(ChannelBase channel, CallOptions options)
    {
        var response = await new Victims.VictimServices.VictimServicesClient(channel).ListMeasuresAsync(new Victims.ListMeasuresRequest(), options);
        return response.Measures;
    }

    private static async Task<IReadOnlyList<Proto.Measure>> ListCrimeMeasuresAsync(ChannelBase channel, CallOptions options)
    {
        var response = await new CrimeMeasures.CrimeMeasuresClient(channel).ListMeasuresAsync(new ListMeasuresRequest(), options);
        return response.Measures;
    }
}
