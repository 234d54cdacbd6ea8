using Grpc.Net.Client;
using Partnership.Contracts.Reporting.V1;

namespace Partnership.Testing;

/// <summary>
/// Publishes an edition of a force's report at once, from the figures the aggregator holds: the public
/// view shows only published editions, so a suite reading it publishes one first. The channel's
/// token must hold the editor and approver roles for the force (the signed-in host's does).
/// </summary>
public static class EditionPublisher
{
    public static async Task<Edition> PublishAsync(GrpcChannel channel, string forceAreaCode, string period)
    {
        var editions = new Editions.EditionsClient(channel);
        var draft = await editions.CreateEditionAsync(new CreateEditionRequest
        {
            ForceAreaCode = forceAreaCode,
            Period = new Contracts.Common.V1.Period { Label = period },
            Title = $"{period} (test edition)",
        });
        return await editions.SignOffEditionAsync(new SignOffEditionRequest { EditionId = draft.Id });
    }
}
