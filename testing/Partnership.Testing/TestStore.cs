namespace Partnership.Testing;

/// <summary>
/// The storage a test runs on: SQLite files in a temporary directory, or fresh databases on a shared
/// throwaway PostgreSQL server. Settings come as configuration keys and as environment variables
/// (for services run as processes).
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly string? _directory;

    private TestStore(string name, Dictionary<string, string?> settings, string? directory)
    {
        Name = name;
        Settings = settings;
        _directory = directory;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IReadOnlyDictionary<string, string?> EnvironmentVariables =>
        Settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);

    public static TestStore Sqlite()
    {
        var directory = Directory.CreateTempSubdirectory("partnership-store-").FullName;
        return new TestStore("sqlite", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = directory,
        }, directory);
    }

    /// <summary>Fresh databases on the server, reached as the superuser or as the role given (which must exist).</summary>
    public static TestStore Postgres(PostgresServer server, string? role = null) =>
        new("postgres", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:PostgresConnectionString"] = role is null ? server.ConnectionString("postgres") : server.ConnectionString("postgres", role),
            // Every test gets its own databases on the shared server.
            ["Storage:DatabasePrefix"] = $"t{Guid.NewGuid():N}"[..13] + "_",
        }, null);

    public override string ToString() => Name;

    public void Dispose()
    {
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process being torn down; the OS temp cleaner will have it.
            }
        }
    }
}
