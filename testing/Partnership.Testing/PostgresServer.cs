namespace Partnership.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries, with its data in a temporary directory
/// that is removed on dispose. initdb refuses to run as root, so as root the server runs as the
/// <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "partnership";
    private readonly ServiceProcess _server;
    private readonly string _directory;

    private PostgresServer(ServiceProcess server, string directory)
    {
        _server = server;
        _directory = directory;
    }

    /// <summary>
    /// A connection string for a database of this server (created on first use by the services), as
    /// the superuser unless another role is named.
    /// </summary>
    /// <remarks>Npgsql reads a host that is a directory as the server's Unix socket directory.</remarks>
    public string ConnectionString(string database, string user = User) =>
        $"Host={_directory};Username={user};Database={database};Pooling=true;Include Error Detail=true";

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("partnership-pg-").FullName;
        var dataDirectory = Path.Combine(directory, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunChecked("chown", ["-R", "postgres", directory]);
        }

        await RunChecked(asRoot ? "runuser" : "initdb", [.. AsPostgres(asRoot, "initdb"), "-D", dataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);

        // No TCP port at all: the server listens only on a Unix socket in its own directory, so no
        // port has to be picked, and no other process can take it between picking and binding.
        var server = ServiceProcess.StartExecutable(
            asRoot ? "runuser" : "postgres",
            [.. AsPostgres(asRoot, "postgres"), "-D", dataDirectory,
                "-c", "listen_addresses=", "-c", $"unix_socket_directories={directory}",
                // A throwaway test server: durability is not what is under test, speed is welcome.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
            new Dictionary<string, string?>(),
            directory);
        var postgres = new PostgresServer(server, directory);
        try
        {
            await server.WaitForOutputAsync("database system is ready to accept connections", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }

        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner if a file is still held.
        }
    }

    private static string[] AsPostgres(bool asRoot, string command) => asRoot ? ["-u", "postgres", "--", command] : [];

    private static async Task RunChecked(string fileName, string[] arguments)
    {
        var (exitCode, output) = await ServiceProcess.RunExecutableAsync(fileName, arguments, timeout: TimeSpan.FromSeconds(120));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with {exitCode}:\n{output}");
        }
    }
}
