using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Partnership.Benchmarks;

/// <summary>
/// A unary gRPC method that does nothing, hosted beside the exchange's services for the latency
/// benchmark only: the cost of a call through the same host, pipeline and channel with no work
/// behind it. The health check is not one: its readiness probes query the databases. Bound by hand
/// (no .proto), because it is no contract anyone calls.
/// </summary>
[BindServiceMethod(typeof(NoopService), nameof(BindService))]
public class NoopService
{
    public static readonly Method<Empty, Empty> PingMethod = new(
        MethodType.Unary,
        "partnership.bench.Noop",
        "Ping",
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom),
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom));

    private static readonly Task<Empty> Done = Task.FromResult(new Empty());

    // ASP.NET Core's binder finds the handler by name as a virtual method declared on the bound type
    // (as generated service bases have), so it is one, not a lambda.
    public static void BindService(ServiceBinderBase binder, NoopService? service) =>
        binder.AddMethod(PingMethod, service is null ? null : service.Ping);

    public static Task<Empty> CallAsync(CallInvoker invoker, CancellationToken cancellationToken) =>
        invoker.AsyncUnaryCall(PingMethod, null, new CallOptions(cancellationToken: cancellationToken), new Empty()).ResponseAsync;

    public virtual Task<Empty> Ping(Empty request, ServerCallContext context) => Done;
}
