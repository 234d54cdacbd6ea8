using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;

namespace Partnership.ServiceDefaults;

/// <summary>
/// Answers a domain failure with its status code, for every service and call, so adapters hold no
/// try/catch for them and none surfaces as UNKNOWN. Domain code throws these without knowing gRPC.
/// </summary>
internal sealed class DomainErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception failure) when (ToStatus(failure) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception failure) when (ToStatus(failure) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status a domain failure is answered with, or null for anything else (left to gRPC).</summary>
    internal static RpcException? ToStatus(Exception failure) => failure switch
    {
        AccessDeniedException denied => RpcErrors.PermissionDenied(denied.Message),
        RequestRejectedException rejected => RpcErrors.InvalidArgument(rejected.Violations, rejected.Summary),
        NotFoundException missing => RpcErrors.NotFound(missing.Message),
        StateConflictException conflict => new RpcException(new Status(StatusCode.FailedPrecondition, conflict.Message)),
        // The partner's message only; the cause was logged where it was raised.
        StorageUnavailableException unavailable => new RpcException(new Status(StatusCode.Unavailable, unavailable.Message)),
        _ => null,
    };
}
