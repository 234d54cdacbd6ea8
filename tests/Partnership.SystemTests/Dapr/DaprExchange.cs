using System.Globalization;
using System.Net;
using Dapr.Client;
using Grpc.Net.Client;
using Partnership.Cli;
using Partnership.Testing;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// The five services, each a process beside its own test sidecar process, each binding port 0 and
/// saying which ports it got, with the faults a real broker may show switched on: every delivery twice, deliveries reordered and
/// delayed, and the crime measures sidecar refusing its first publishes. The domain services' sidecars
/// forward what they are given to the aggregator's sidecar, which plays the shared broker. One
/// exchange serves every multi-process test (starting ten processes is the expensive part); each test
/// uses its own periods, so none sees another's figures.
/// </summary>
public class DaprExchange : IAsyncLifetime, IPartnerEndpoints
{
    public const int RefusedPublishes = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<(string Name, ServiceProcess Process)> _processes = [];
    private TestStore _store = null!;
    private IReadOnlyList<DaprApp> _domainServices = [];
    private readonly List<GrpcChannel> _channels = [];
    private readonly string _token = TestTokens.Trusted();

    public string AppApiToken { get; } = "app-" + Guid.NewGuid().ToString("N");

    public string DaprApiToken { get; } = "dapr-" + Guid.NewGuid().ToString("N");

    public DaprApp Crime { get; } = new("crime-measures", "CrimeMeasures", "crime");

    public DaprApp Justice { get; } = new("justice-board", "JusticeBoard", null);

    public DaprApp Victims { get; } = new("victim-services", "VictimServices", "victims");

    public DaprApp Safeguarding { get; } = new("safeguarding", "Safeguarding", "safeguarding");

    public DaprApp Aggregator { get; } = new("reporting", "Reporting", null);

    /// <summary>The domain services this exchange runs: all four unless a smaller exchange says otherwise.</summary>
    public IReadOnlyList<DaprApp> DomainServices => _domainServices;

    /// <summary>A scratch directory for the CLI's files (and, on SQLite, the databases).</summary>
    private string Scratch { get; } = Directory.CreateTempSubdirectory("partnership-dapr-").FullName;

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; private set; } = null!;

    public Contracts.Reporting.V1.ReportingOperations.ReportingOperationsClient Operations { get; private set; } = null!;

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient JusticeBoard { get; private set; } = null!;

    public string ReportingAppUrl => Aggregator.HttpUrl;

    /// <summary>The aggregator's SQLite database, for a test that holds its write lock.</summary>
    public string ReportingDatabase => Path.Combine(_store.Settings["Storage:DataDirectory"]!, "reporting.db");

    /// <summary>The storage every service of the exchange uses: SQLite files unless a subclass says otherwise.</summary>
    protected virtual Task<TestStore> CreateStoreAsync() => Task.FromResult(TestStore.Sqlite());

    protected virtual IReadOnlyList<DaprApp> ChooseDomainServices() => [Crime, Justice, Victims, Safeguarding];

    public string Diagnostics => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name} (pid {p.Process.Id}) ---{Environment.NewLine}{p.Process.Output}"));

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _domainServices = ChooseDomainServices();
        // Every process binds port 0, so the order is daprd's: a sidecar first, then its app with the
        // sidecar's ports; the sidecar is then told the app's. The broker's sidecar comes before the
        // others, which forward to it.
        await StartSidecarAsync(Aggregator);
        await Task.WhenAll(DomainServices.Select(StartSidecarAsync));
        await Task.WhenAll(DomainServices.Append(Aggregator).Select(StartAppAsync));
        await WaitForAsync(() => SidecarStatsAsync(Aggregator), s => s.Discovered, "the aggregator's subscriptions", StartTimeout);
        Connect();
    }

    /// <summary>Partners' calls carry a development token allowed everything; the sidecar's carry the app token.</summary>
    private void Connect()
    {
        Reporting = new(Channel(Aggregator));
        Operations = new(Channel(Aggregator));
        JusticeBoard = new(Channel(Justice));
    }

    /// <summary>Waits on a condition; on timeout the failure carries every process's recent output.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.WaitForAsync(probe, condition, timeout ?? TimeSpan.FromSeconds(90), what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + Diagnostics, ex);
        }
    }

    /// <summary>Waits until the broker has finished every delivery, so the next test starts from rest.</summary>
    public Task SettledAsync() => WaitForAsync(() => SidecarStatsAsync(Aggregator), s => s.Pending == 0, "every delivery to finish");

    /// <summary>Kills the app (SIGKILL, as a crash); its sidecar keeps redelivering until it is back.</summary>
    public void Kill(DaprApp app) => Running(app.AppId).Kill();

    /// <summary>Starts a killed app again, on new ports: its sidecar is told, and the clients here reconnect.</summary>
    public async Task StartAgainAsync(DaprApp app)
    {
        await StartAppAsync(app);
        Connect();
    }

    /// <summary>Stops an app's sidecar, as a broker or sidecar outage would.</summary>
    public void StopSidecar(DaprApp app) => Running(SidecarName(app)).Kill();

    /// <summary>
    /// Starts an app's sidecar again on the ports it had: the one process here that does not bind port
    /// 0, because the app still runs with the sidecar's ports in its environment and what is tested is
    /// that it recovers when its sidecar comes back. If another process has taken one of those ports,
    /// the app is started again beside a sidecar on new ones (<see cref="DaprApp.StartSidecarAgainAsync"/>).
    /// </summary>
    public Task StartSidecarAgainAsync(DaprApp app) => app.StartSidecarAgainAsync(
        () => StartSidecar(app),
        sidecar => ListeningAsync(app.SidecarListeningAsync(sidecar, StartTimeout)),
        async () =>
        {
            Kill(app);
            await StartAgainAsync(app);
        });

    /// <summary>What the app's output says so far (its log lines).</summary>
    public string OutputOf(DaprApp app) => string.Join(Environment.NewLine, _processes.Where(p => p.Name == app.AppId).Select(p => p.Process.Output));

    /// <summary>Submits a return file with the partner CLI, as a partner would, to the service it is for.</summary>
    public async Task SubmitCsvAsync(string service, string csv)
    {
        var app = DomainServices.Single(a => a.CliService == service);
        var (exitCode, output) = await CliRun.SubmitAsync(
            Scratch,
            service,
            csv,
            app.GrpcUrl,
            new CliOptions { GetEnvironmentVariable = name => name == "PARTNERSHIP_TOKEN" ? _token : null });
        Assert.True(exitCode == ExitCodes.Success, $"partnership submit --service {service} exited with {exitCode}:{Environment.NewLine}{output}");
    }

    public Task<SidecarStatsView> SidecarStatsAsync(DaprApp app) => app.SidecarStatsAsync();

    public Task<HttpStatusCode> ReadinessAsync(DaprApp app) => app.ReadinessAsync();

    /// <summary>A Dapr SDK client of a sidecar, as an app beside it would have.</summary>
    public DaprClient DaprClientOf(DaprApp app) => new DaprClientBuilder()
        .UseGrpcEndpoint(app.SidecarGrpcUrl)
        .UseHttpEndpoint(app.SidecarHttpUrl)
        .UseDaprApiToken(DaprApiToken)
        .Build();

    public virtual async Task DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        foreach (var (_, process) in _processes)
        {
            await process.DisposeAsync();
        }

        _store?.Dispose();
        Directory.Delete(Scratch, recursive: true);
    }

    private GrpcChannel Channel(DaprApp app)
    {
        var channel = GrpcChannel.ForAddress(app.GrpcUrl, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(_token, new SocketsHttpHandler()) });
        _channels.Add(channel);
        return channel;
    }

    private ServiceProcess Running(string name) => _processes.Single(p => p.Name == name && !p.Process.HasExited).Process;

    private Task AnswersAsync(Func<Task<HttpStatusCode>> probe, HttpStatusCode status, string what) =>
        WaitForAsync(probe, answer => answer == status, $"{what} to answer {(int)status}", StartTimeout);

    private ServiceProcess Start(string name, string assembly, Dictionary<string, string?> environment)
    {
        var process = ServiceProcess.Start(assembly, [], environment);
        _processes.Add((name, process));
        return process;
    }

    /// <summary>Waits for a process to say where it listens; a failure carries every process's output.</summary>
    private async Task ListeningAsync(Task listening)
    {
        try
        {
            await listening;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + Diagnostics, ex);
        }
    }

    private static string SidecarName(DaprApp app) => $"sidecar of {app.AppId}";

    private async Task StartSidecarAsync(DaprApp app)
    {
        var sidecar = StartSidecar(app);
        await ListeningAsync(app.SidecarListeningAsync(sidecar, StartTimeout));
    }

    private ServiceProcess StartSidecar(DaprApp app)
    {
        var environment = app.SidecarEnvironment(AppApiToken, DaprApiToken);
        if (app == Aggregator)
        {
            // The broker: what a real one may do to any message.
            environment["Faults__Duplicate"] = "true";
            environment["Faults__ReorderWindow"] = "4";
            environment["Faults__MaxDelayMs"] = "40";
        }
        else
        {
            environment["Sidecar__Peers__0"] = Aggregator.SidecarHttpUrl;
        }

        if (app == Crime)
        {
            environment["Faults__FailFirstPublishes"] = Text(RefusedPublishes);
        }

        return Start(SidecarName(app), DaprApp.SidecarAssembly, environment);
    }

    private async Task StartAppAsync(DaprApp app)
    {
        var environment = app.AppEnvironment(_store, AppApiToken, DaprApiToken);
        environment["Outbox__InitialRetryDelay"] = "00:00:00.100";
        // An outage in a test lasts seconds; a retry must not wait longer than it.
        environment["Outbox__MaxRetryDelay"] = "00:00:01";
        // Holding the aggregator's write lock makes it answer RETRY within a second, not thirty.
        environment["Storage__SqliteBusyTimeoutSeconds"] = "1";
        var process = Start(app.AppId, app.AppAssembly, environment);
        await ListeningAsync(app.AppListeningAsync(process, StartTimeout));
        await AnswersAsync(app.HealthAsync, HttpStatusCode.OK, app.AppId);
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
