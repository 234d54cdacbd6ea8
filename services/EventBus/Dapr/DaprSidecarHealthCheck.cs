using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partnership.EventBus.Dapr;

/// <summary>
/// Readiness includes the sidecar: without it no event can be published or delivered, so the service
/// should not be sent traffic. Asks daprd's <c>GET /v1.0/healthz/outbound</c> (204 once its
/// components, the pub/sub among them, are up), which answers before the app itself is ready.
/// </summary>
public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public const string Name = "dapr-sidecar";

    // A probe must answer within the orchestrator's probe timeout, whatever the sidecar does.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await dapr.CheckOutboundHealthAsync(timeout.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the Dapr sidecar's outbound health endpoint does not answer 204");
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the Dapr sidecar cannot be reached", ex);
        }
    }
}
