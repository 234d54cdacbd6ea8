namespace Partnership.Testing;

/// <summary>One throwaway PostgreSQL server shared by the tests of a collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public TestStore NewStore() => TestStore.Postgres(Server);

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
