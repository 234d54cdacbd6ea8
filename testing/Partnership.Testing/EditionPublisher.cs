using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Contracts.Reporting.V1;

namespace Partnership.Testing;

/// <summary>
/// Publishes an edition of a force's report at once, from the figures the aggregator holds: the public
/// view shows only published editions, so a suite reading it publishes one first. The token sent
/// (the options' token, else the signed-in host's) must hold the editor and approver roles for the force.
/// </summary>
public static class EditionPublisher
{
    public static async Task<Edition> PublishAsync(GrpcChannel channel, string forceAreaCode, string period, CallOptions options = default)
    {
        var editions = new Editions.EditionsClient(channel);
        var draft = await editions.CreateEditionAsync(new CreateEditionRequest
        {
            ForceAreaCode = forceAreaCode,
            Period = new Contracts.Common.V1.Period { Label = period },
            Title = $"{period} (test edition)",
        }, options);
        return await editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = draft.Id }, options);
    }
}
