using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using DaprService = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Partnership.TestSidecar;

/// <summary>
/// Serves <see cref="DaprApi"/> as daprd's own <c>dapr.proto.runtime.v1.Dapr</c> service, compiled into the
/// Dapr.Protos package. The package builds that service for clients only (apps call daprd, they do not
/// serve it), so there is no generated base class to derive from; each method is instead looked up by
/// name in daprd's descriptor and checked against the package's message types, so a sidecar that does not
/// match daprd does not start. Methods not bound here answer UNIMPLEMENTED, as daprd does for a feature
/// it lacks.
/// </summary>
public sealed class DaprServiceMethods : IServiceMethodProvider<DaprApi>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprApi> context)
    {
        context.AddUnaryMethod(Unary<PublishEventRequest, Empty>(nameof(DaprApi.PublishEvent)), [], (api, request, call) => api.PublishEvent(request, call));
        context.AddUnaryMethod(Unary<BulkPublishRequest, BulkPublishResponse>(nameof(DaprApi.BulkPublishEvent)), [], (api, request, call) => api.BulkPublishEvent(request, call));
        // The SDK's BulkPublishEventAsync still calls the alpha name; daprd serves both the same way.
        context.AddUnaryMethod(Unary<BulkPublishRequest, BulkPublishResponse>("BulkPublishEventAlpha1"), [], (api, request, call) => api.BulkPublishEvent(request, call));
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = DaprService.Descriptor.FindMethodByName(name)
            ?? throw new InvalidOperationException($"daprd's {DaprService.Descriptor.FullName} has no method {name}");
        if (method.IsClientStreaming || method.IsServerStreaming
            || method.InputType != new TRequest().Descriptor || method.OutputType != new TResponse().Descriptor)
        {
            throw new InvalidOperationException(
                $"daprd's {method.FullName} takes {method.InputType.FullName} and returns {method.OutputType.FullName}, not unary {typeof(TRequest).Name} to {typeof(TResponse).Name}");
        }

        return new Method<TRequest, TResponse>(MethodType.Unary, method.Service.FullName, method.Name, Marshaller<TRequest>(), Marshaller<TResponse>());
    }

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
