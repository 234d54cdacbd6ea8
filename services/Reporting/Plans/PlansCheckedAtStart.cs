namespace Partnership.Reporting.Plans;

/// <summary>
/// Loads the plans when the aggregator starts, so a plan that disagrees with the catalogue stops it
/// there, naming the file and entry, instead of failing the first report someone asks for.
/// </summary>
internal sealed class PlansCheckedAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DeliveryPlans>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
