using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;
using Partnership.Testing;

namespace Partnership.Reporting.Tests;

/// <summary>
/// The report cache tests' read model: a migrated store behind the scopes the aggregator's services use,
/// and the handler that applies returns to it. Disposing it removes the store.
/// </summary>
internal sealed class TestReadModel(TestStore store, ServiceProvider services) : IAsyncDisposable
{
    public ServiceProvider Services => services;

    public QuarterlyUpdateHandler Handler { get; } = new(services.GetRequiredService<IServiceScopeFactory>(), new ReportChangeNotifier(), TimeProvider.System, NullLogger<QuarterlyUpdateHandler>.Instance);

    public static async Task<TestReadModel> StartAsync(TestStore store, string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection()
            .AddDbContext<ReportingDbContext>(options => options.UsePartnershipStore(configuration, name))
            .AddSingleton(new DatabaseWriteState<ReportingDbContext>(name, TimeProvider.System, NullLogger<DatabaseWriteState<ReportingDbContext>>.Instance))
            .BuildServiceProvider();
        var model = new TestReadModel(store, services);
        try
        {
            await using var scope = services.CreateAsyncScope();
            await SchemaMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), CancellationToken.None);
            return model;
        }
        catch
        {
            await model.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        store.Dispose();
    }
}

/// <summary>What the report cache says it did: read a whole force, read a few changed returns, or kept a force as compact rows.</summary>
internal sealed class CacheReads : ILogger<ForceFiguresCache>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add(formatter(state, exception));
        }
    }

    /// <summary>What it said about one force.</summary>
    public List<string> Of(string force)
    {
        lock (Messages)
        {
            return [.. Messages.Where(m => m.Contains(force, StringComparison.Ordinal))];
        }
    }
}
