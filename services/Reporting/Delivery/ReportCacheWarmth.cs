using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// How far the start-up warm-up of the report cache has got, as a readiness check: the aggregator is
/// not ready until every force it warms is in memory, so the first report after a restart is served
/// from the cache. Liveness does not wait for it.
/// </summary>
public sealed class ReportCacheWarmth : IHealthCheck
{
    public const string CheckName = "report-cache";

    private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _forces = -1;
    private int _warmed;
    private int _failed;
    private TimeSpan _took;

    /// <summary>Completes when the warm-up has finished, whether or not every force could be read.</summary>
    public Task WhenWarm => _warm.Task;

    internal void Starting(int forces) => Volatile.Write(ref _forces, forces);

    internal void Warmed() => Interlocked.Increment(ref _warmed);

    internal void Failed() => Interlocked.Increment(ref _failed);

    internal void Finished(TimeSpan took)
    {
        _took = took;
        _warm.TrySetResult();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var forces = Volatile.Read(ref _forces);
        var warmed = Volatile.Read(ref _warmed);
        var failed = Volatile.Read(ref _failed);
        return Task.FromResult(_warm.Task.IsCompleted switch
        {
            false when forces < 0 => HealthCheckResult.Unhealthy("warming the report cache: not started"),
            false => HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"warming the report cache: {warmed} of {forces} forces read")),
            // A force that could not be read is read on its first report instead, as without a warm-up.
            true when failed > 0 => HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"report cache warm for {warmed} of {forces} forces in {_took.TotalMilliseconds:0} ms; {failed} could not be read")),
            true => HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"report cache warm for {warmed} forces in {_took.TotalMilliseconds:0} ms")),
        });
    }
}
