using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.ServiceDefaults;

/// <summary>
/// Records a call refused before its request was read because the token lacks the role that submits
/// to a domain service: that service writes it to its audit trail, with no area or period.
/// </summary>
public interface IRefusedCallAudit
{
    string SubmitterRole { get; }

    Task RecordAsync(string reason, CancellationToken cancellationToken);
}

/// <summary>
/// A gRPC call its policy refuses is answered PERMISSION_DENIED saying which role the token lacks (as
/// the status, which outranks the HTTP 403), audited by the service whose submitter role it lacks. Other
/// outcomes (no token, the dashboard, the sidecar's endpoints) go the framework's way.
/// </summary>
internal sealed class PolicyRefusalHandler : IAuthorizationMiddlewareResultHandler
{
    internal const string UndeclaredDenial = "This call declares no access policy, so the exchange refuses it.";

    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !IsGrpc(context.Request))
        {
            await _framework.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault();
        var reason = failed?.Denial ?? UndeclaredDenial;
        foreach (var audit in context.RequestServices.GetServices<IRefusedCallAudit>().Where(a => a.SubmitterRole == failed?.Role))
        {
            await audit.RecordAsync(reason, context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers["grpc-status"] = ((int)StatusCode.PermissionDenied).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = reason;
    }

    internal static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
