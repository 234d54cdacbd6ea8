using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Domain;

namespace Partnership.ServiceDefaults;

/// <summary>Turns domain failures into gRPC errors with the rich error model.</summary>
public static class RpcErrors
{
    /// <summary>
    /// At most this many field violations go back: the details travel in a trailer, and clients refuse
    /// trailers over 64 KiB (about 550 violations), so a longer list would reach the partner as "cannot reach the server".
    /// </summary>
    public const int MaxListedViolations = 200;

    /// <summary>The bytes of listed violations, whatever their length; base64 in the trailer makes this 32 KiB.</summary>
    public const int MaxListedBytes = 24 * 1024;

    private const int MaxDescriptionLength = 500;

    /// <summary>
    /// INVALID_ARGUMENT with a google.rpc.BadRequest listing the bad fields: every one, or the first
    /// <see cref="MaxListedViolations"/> with a <see cref="ProblemCount"/> giving the count of them all.
    /// </summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations, string? message = null)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations.Take(MaxListedViolations))
        {
            var listed = new BadRequest.Types.FieldViolation { Field = Shorten(violation.Field), Description = Shorten(violation.Description) };
            if (badRequest.CalculateSize() + listed.CalculateSize() > MaxListedBytes)
            {
                break;
            }

            badRequest.FieldViolations.Add(listed);
        }

        message ??= $"The return was rejected with {violations.Count} problem(s); nothing was stored.";
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Details = { Any.Pack(badRequest) } };
        if (badRequest.FieldViolations.Count < violations.Count)
        {
            message += string.Create(CultureInfo.InvariantCulture, $" The first {badRequest.FieldViolations.Count:N0} of {violations.Count:N0} are listed.");
            status.Details.Add(Any.Pack(ProblemCount.Describe(violations.Count)));
        }

        status.Message = message;
        return status.ToRpcException();
    }

    private static string Shorten(string text) => text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength), "…");

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)], $"{field}: {description}");

    public static RpcException NotFound(string message) => new(new global::Grpc.Core.Status(StatusCode.NotFound, message));

    public static RpcException PermissionDenied(string message) => new(new global::Grpc.Core.Status(StatusCode.PermissionDenied, message));
}
