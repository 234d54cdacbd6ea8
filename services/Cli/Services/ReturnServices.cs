using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Safeguarding.V1;
using Partnership.Returns.Typed;
using Proto = Partnership.Contracts.Common.V1;
using Victims = Partnership.Contracts.Victims.V1;

namespace Partnership.Cli.Services;

/// <summary>
/// The services the CLI can submit to. A service with the generic SubmitReturn is one entry here
/// with its two small adapters; a service with typed returns is one <see cref="TypedReturnService"/>.
/// </summary>
public static class ReturnServices
{
    public static IReadOnlyList<ReturnService> All { get; } =
    [
        new("crime", "crime measures service", "crime-measures",
            async (channel, toSend, options) => Outcome(await new CrimeMeasures.CrimeMeasuresClient(channel).SubmitReturnAsync(Request<Contracts.Crime.V1.SubmitReturnRequest>(toSend), options)),
            async (channel, options) => (await new CrimeMeasures.CrimeMeasuresClient(channel).ListMeasuresAsync(new Contracts.Crime.V1.ListMeasuresRequest(), options)).Measures)
        {
            GetCurrentAsync = (channel, toSend, options) => UnchangedReturn.ReadAsync(async () => await new CrimeMeasures.CrimeMeasuresClient(channel).GetReturnAsync(
                new Contracts.Crime.V1.GetReturnRequest { AreaCode = toSend.AreaCode, Period = toSend.Period }, options)),
        },
        new("victims", "victim services service", "victim-services", SubmitVictimsAsync, ListVictimMeasuresAsync, "commissioned service")
        {
            GetCurrentAsync = (channel, toSend, options) => UnchangedReturn.ReadAsync(async () => await new Victims.VictimServices.VictimServicesClient(channel).GetReturnAsync(
                new Victims.GetReturnRequest { AreaCode = toSend.AreaCode, Period = toSend.Period, CommissionId = toSend.Source }, options)),
        },
        new("safeguarding", "safeguarding service", "safeguarding",
            async (channel, toSend, options) => Outcome(await new Safeguarding.SafeguardingClient(channel).SubmitReturnAsync(Request<Contracts.Safeguarding.V1.SubmitReturnRequest>(toSend), options)),
            async (channel, options) => (await new Safeguarding.SafeguardingClient(channel).ListMeasuresAsync(new Contracts.Safeguarding.V1.ListMeasuresRequest(), options)).Measures)
        {
            GetCurrentAsync = (channel, toSend, options) => UnchangedReturn.ReadAsync(async () => await new Safeguarding.SafeguardingClient(channel).GetReturnAsync(
                new Contracts.Safeguarding.V1.GetReturnRequest { AreaCode = toSend.AreaCode, Period = toSend.Period }, options)),
        },
    ];

    /// <summary>Services whose returns are typed calls of their own, each kind with its own file (--return).</summary>
    public static IReadOnlyList<TypedReturnService> Typed { get; } = [JusticeReturnFiles.Service];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name), .. Typed.Select(s => s.Name)];

    public static TypedReturnService? GetTyped(string name) =>
        Typed.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ReturnService Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown service '{name}'; the services are {string.Join(", ", Names)}.", nameof(name));

    // A service whose SubmitReturn has just the shared fields (Contracts/ReturnCallShapes.cs).
    private static TRequest Request<TRequest>(ReturnToSend toSend)
        where TRequest : ISubmitReturnRequest, new()
    {
        var request = new TRequest { AreaCode = toSend.AreaCode, Period = toSend.Period, SubmittedBy = toSend.SubmittedBy };
        request.Observations.AddRange(toSend.Observations);
        return request;
    }

    private static SubmitOutcome Outcome(ISubmitReturnResponse response) => new(response.ReturnId, response.Revision, response.ObservationsAccepted);

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
}
