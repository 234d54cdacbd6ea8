using Grpc.Core;
using Partnership.Returns.Typed;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Services;

/// <summary>A return ready for the wire, whichever domain service takes it.</summary>
public sealed record ReturnToSend(
    string AreaCode,
    Proto.Period Period,
    IReadOnlyList<Proto.ObservationInput> Observations,
    string SubmittedBy,
    string Source = "");

/// <summary>
/// A domain service partners submit returns to. Every domain service has its own typed contract
/// but the same SubmitReturn shape, so each is one entry of calls that adapt the generic return.
/// </summary>
/// <param name="Name">What partners type after --service.</param>
/// <param name="Title">How messages name the service.</param>
/// <param name="CatalogueService">The service name the measure catalogue files its measures under.</param>
/// <param name="SourceName">What names one of several partners reporting for one area (e.g. a
/// commissioned service), given with --commission; null when the service has one return per area.</param>
public sealed record ReturnService(
    string Name,
    string Title,
    string CatalogueService,
    Func<ChannelBase, ReturnToSend, CallOptions, Task<SubmitOutcome>> SubmitAsync,
    Func<ChannelBase, CallOptions, Task<IReadOnlyList<Proto.Measure>>> ListMeasuresAsync,
    string? SourceName = null)
{
    /// <summary>The revision the service holds now for the return's area, period (and source); null when there is none.</summary>
    public required Func<ChannelBase, ReturnToSend, CallOptions, Task<CurrentRevision?>> GetCurrentAsync { get; init; }
}
