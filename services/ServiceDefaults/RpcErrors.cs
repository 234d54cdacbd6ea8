using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Partnership.Domain;

namespace Partnership.ServiceDefaults;

/// <summary>Turns domain failures into gRPC errors with the rich error model.</summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest listing every bad field.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations, string? message = null)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message ?? $"The return was rejected with {violations.Count} problem(s); nothing was stored.",
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)], $"{field}: {description}");

    public static RpcException NotFound(string message) => new(new global::Grpc.Core.Status(StatusCode.NotFound, message));

    public static RpcException PermissionDenied(string message) => new(new global::Grpc.Core.Status(StatusCode.PermissionDenied, message));
}
