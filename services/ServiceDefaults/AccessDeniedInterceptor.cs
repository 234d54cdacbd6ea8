using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.Security;
using Partnership.Storage;

namespace Partnership.ServiceDefaults;

/// <summary>
/// Answers an <see cref="AccessDeniedException"/> from domain code with PERMISSION_DENIED, and a
/// <see cref="StorageUnavailableException"/> with UNAVAILABLE (the partner's message only; the cause
/// is logged where it was raised), for every service and call, so no adapter can forget to and
/// neither surfaces as an internal error.
/// </summary>
internal sealed class AccessDeniedInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (AccessDeniedException denied)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, denied.Message));
        }
        catch (StorageUnavailableException unavailable)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, unavailable.Message));
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (AccessDeniedException denied)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, denied.Message));
        }
        catch (StorageUnavailableException unavailable)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, unavailable.Message));
        }
    }
}
