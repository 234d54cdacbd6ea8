using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Partnership.TestSidecar;

/// <summary>
/// The app-to-sidecar gRPC API (<c>dapr.proto.runtime.v1.Dapr</c>), publishing only, on daprd's own
/// messages; <see cref="DaprServiceMethods"/> binds it to daprd's service. Each call must carry
/// <c>dapr-api-token</c> when <c>DAPR_API_TOKEN</c> is set; the first N publishes can be refused.
/// gRPC creates one instance per call, so whatever is counted lives in <see cref="SidecarStats"/>.
/// </summary>
public sealed class DaprApi(SidecarOptions options, Broker broker, SidecarStats stats)
{
    public async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        Authorize(context);
        RefuseIfInjected();
        await PublishAsync(request.PubsubName, request.Topic, request.Data.ToByteArray(), request.DataContentType, request.Metadata, context);
        return new Empty();
    }

    public async Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context)
    {
        Authorize(context);
        var response = new BulkPublishResponse();
        foreach (var entry in request.Entries)
        {
            try
            {
                RefuseIfInjected();
                var metadata = new Dictionary<string, string>(request.Metadata);
                foreach (var (key, value) in entry.Metadata)
                {
                    metadata[key] = value;
                }

                await PublishAsync(request.PubsubName, request.Topic, entry.Event.ToByteArray(), entry.ContentType, metadata, context);
            }
            catch (Exception ex) when (ex is RpcException or HttpRequestException)
            {
                response.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = ex.Message });
            }
        }

        return response;
    }

    private async Task PublishAsync(string pubsub, string topic, byte[] data, string contentType, IDictionary<string, string> metadata, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "pubsub name and topic are required"));
        }

        var traceParent = context.RequestHeaders.GetValue("traceparent");
        var message = BrokerMessage.Wrap(options.AppId, pubsub, topic, data, contentType, metadata, traceParent, context.RequestHeaders.GetValue("tracestate"));
        try
        {
            await broker.PublishAsync(message, context.CancellationToken);
        }
        catch (HttpRequestException ex)
        {
            stats.Refused();
            throw new RpcException(new Status(StatusCode.Internal, $"error when publish to topic {topic} in pubsub {pubsub}: {ex.Message}"));
        }

        stats.Accepted(traceParent is not null);
    }

    private void Authorize(ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(options.DaprApiToken) && context.RequestHeaders.GetValue("dapr-api-token") != options.DaprApiToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
        }
    }

    private void RefuseIfInjected()
    {
        if (stats.CountPublishAttempt() <= options.Faults.FailFirstPublishes)
        {
            stats.Refused();
            throw new RpcException(new Status(StatusCode.Unavailable, "injected fault: the broker refused the publish"));
        }
    }
}
