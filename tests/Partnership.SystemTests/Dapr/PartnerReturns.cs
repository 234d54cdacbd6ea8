using Partnership.Cli;
using Partnership.Contracts;
using Partnership.Contracts.Justice.V1;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.SystemTests.Dapr;

/// <summary>Where partners send returns: the CLI's <c>--service</c> targets, and the justice board's typed calls.</summary>
public interface IPartnerEndpoints
{
    Contracts.Justice.V1.JusticeBoard.JusticeBoardClient JusticeBoard { get; }

    Task SubmitCsvAsync(string service, string csv);
}

/// <summary>A return as a partner sends it, to any exchange: the clean in-memory one or the Dapr processes.</summary>
public abstract record PartnerReturn
{
    public abstract Task SubmitAsync(IPartnerEndpoints endpoints);
}

/// <summary>A CSV return file, submitted with <c>partnership submit --service ...</c>.</summary>
public sealed record CsvReturn(string Service, string Csv) : PartnerReturn
{
    public const string Header = "measure,area,period,value,numerator,denominator";

    public override Task SubmitAsync(IPartnerEndpoints endpoints) => endpoints.SubmitCsvAsync(Service, Csv);

    /// <summary>A return of one area and period; each row is (measure, value) or (measure, numerator/denominator).</summary>
    public static CsvReturn Of(string service, string area, string period, params (string Measure, string Figure)[] rows) => new(
        service,
        string.Join('\n', [Header, .. rows.Select(r => r.Figure.Contains('/', StringComparison.Ordinal)
            ? $"{r.Measure},{area},{period},,{r.Figure.Replace('/', ',')}"
            : $"{r.Measure},{area},{period},{r.Figure},,")]) + "\n");
}

/// <summary>The LCJB's trial outcomes at the Crown Court for a force area: sent as the typed gRPC call a board's own system would make.</summary>
public sealed record TrialsReturn(string ForceArea, string Period, long Effective, long Cracked, long Ineffective, long Vacated) : PartnerReturn
{
    public override async Task SubmitAsync(IPartnerEndpoints endpoints)
    {
        var request = new SubmitTrialEffectivenessRequest { ForceAreaCode = ForceArea, Period = DomainPeriod.Parse(Period).ToContract(), SubmittedBy = "LCJB" };
        request.CourtTypes.Add(new TrialOutcomes
        {
            CourtType = CourtType.Crown,
            Listed = Effective + Cracked + Ineffective + Vacated,
            Effective = Effective,
            Cracked = Cracked,
            Ineffective = Ineffective,
            Vacated = Vacated,
            SourceLine = 2,
        });
        await endpoints.JusticeBoard.SubmitTrialEffectivenessAsync(request);
    }
}

/// <summary>Runs the partner CLI in this process, against any address and channel.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> SubmitAsync(string directory, string service, string csv, string url, CliOptions options)
    {
        var file = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, csv);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(["submit", file, "--service", service, "--url", url], output, error, options);
        File.Delete(file);
        return (exitCode, output + error.ToString());
    }
}

/// <summary>
/// The clean run the Dapr runs must match: all five services composed in one process on the
/// in-process event bus, with no broker to duplicate, reorder or refuse anything.
/// </summary>
public sealed class CleanExchange : IPartnerEndpoints, IAsyncDisposable
{
    private readonly ExchangeHost _exchange;
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-clean-").FullName;

    private CleanExchange(ExchangeHost exchange)
    {
        _exchange = exchange;
    }

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient JusticeBoard => _exchange.Justice;

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting => _exchange.Reporting;

    public static async Task<CleanExchange> StartAsync() => new(await ExchangeHost.StartAsync(ExchangeServices.All));

    public async Task SubmitCsvAsync(string service, string csv)
    {
        var (exitCode, output) = await CliRun.SubmitAsync(_directory, service, csv, "http://localhost", CliOptions.ForHandler(_exchange.CreateHandler()));
        Assert.True(exitCode == ExitCodes.Success, $"partnership submit --service {service} exited with {exitCode}:{Environment.NewLine}{output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _exchange.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
