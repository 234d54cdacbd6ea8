using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.Contracts;

namespace Partnership.ServiceDefaults;

/// <summary>
/// Every request's retired area codes become their areas' codes before the adapter reads it, for every
/// service: a partner still sending West Yorkshire's county code is served as if it had sent the force
/// area code (see <see cref="RetiredAreaCodes"/>).
/// </summary>
internal sealed class AreaCodeInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        continuation(RetiredAreaCodes.Canonicalise(request), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(RetiredAreaCodes.Canonicalise(request), responseStream, context);
}
