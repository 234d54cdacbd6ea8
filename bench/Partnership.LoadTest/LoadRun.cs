using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Testing;
using Crime = Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;
using SafeguardingV1 = Partnership.Contracts.Safeguarding.V1;

namespace Partnership.LoadTest;

/// <summary>What one run did and whether every accepted return came out right.</summary>
public sealed record LoadResult(
    LoadOptions Options,
    string Database,
    int Partners,
    int Submitted,
    int Accepted,
    int Failed,
    int Returns,
    int MostRevisions,
    TimeSpan Elapsed,
    TimeSpan Drain,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0 && Accepted > 0;

    public double Throughput => Accepted / Elapsed.TotalSeconds;

    public override string ToString() => string.Join(Environment.NewLine,
    [
        $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
        $"date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; database: {Database}; seed {Options.Seed}",
        $"load: {Partners} partners over {Options.Months} months, {Options.Concurrency} calls at a time for {Elapsed.TotalSeconds:0} s",
        $"submitted {Submitted}, accepted {Accepted}, failed {Failed}; {Returns} distinct returns, up to {MostRevisions} revisions each",
        $"throughput: {Throughput.ToString("0.0", CultureInfo.InvariantCulture)} accepted returns/s; aggregator drained {Drain.TotalSeconds:0.0} s after the last submission",
        Passed
            ? "outcome: PASSED: every accepted return is in the county report exactly once, at its latest revision, and its history holds every accepted revision"
            : $"outcome: FAILED: {Problems.Count} problems" + string.Concat(Problems.Take(20).Select(p => Environment.NewLine + "  " + p)),
    ]);
}

/// <summary>
/// The load test: starts the local host (as the README runs it) on free loopback ports, lets many
/// partners submit and resubmit at once for the configured time, then checks the report against
/// everything the partners were told was accepted.
/// </summary>
public static class LoadRun
{
    private static readonly DateOnly LastMonth = new(2025, 3, 1);

    /// <summary>Runs the load on <paramref name="store"/> (SQLite files, or databases on a PostgreSQL server), which the caller owns.</summary>
    public static async Task<LoadResult> RunAsync(LoadOptions options, TestStore store, TextWriter log, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string?>(store.EnvironmentVariables)
        {
            // Port 0: the host binds free ports itself, so no other process can take one first; its banner names them.
            ["Endpoints__GrpcPort"] = "0",
            ["Endpoints__HttpPort"] = "0",
            ["Demo__Seed"] = "false",
            // A line per accepted return would cost the host more than the load; the ready line is enough.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Partnership.LocalHost"] = "Information",
        };
        await using var host = ServiceProcess.Start(RepositoryPaths.ServiceAssembly("LocalHost", "Partnership.LocalHost"), [], environment);
        await host.WaitForOutputAsync(LocalHostBanner.LastLine, TimeSpan.FromMinutes(3));
        var grpcAddress = LocalHostBanner.GrpcAddress(host.Output);
        log.WriteLine($"local host running on {store.Name}, gRPC at {grpcAddress}; submitting for {options.Duration.TotalSeconds:0} s");

        using var channel = GrpcChannel.ForAddress(grpcAddress);
        var partners = Partners.All(Geography.Load(), LastMonth);
        var months = Enumerable.Range(0, options.Months).Select(i => Period.Months(LastMonth.AddMonths(-i), LastMonth.AddMonths(-i))).ToList();
        var ledger = new Ledger();
        var submitted = 0;

        var clock = Stopwatch.StartNew();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stop.CancelAfter(options.Duration);
            var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
            {
                var random = new Random(options.Seed * 1_000 + worker);
                (Partner Partner, Period Period)? previous = null;
                for (var call = 0; !stop.IsCancellationRequested; call++)
                {
                    // Every fourth call corrects the worker's return before, so a run of any length
                    // resubmits however slow the machine; the rest land where the draw puts them.
                    var (partner, period) = call % 4 == 3 && previous is { } again
                        ? again
                        : (partners[random.Next(partners.Count)], months[random.Next(months.Count)]);
                    previous = (partner, period);
                    var key = new ReturnKey(partner.Service, partner.Force, partner.District, period.Key);
                    // Never 1 to 4, which a public view would hide; the check reads the partner view anyway.
                    var figures = partner.Measures.ToDictionary(m => m, _ => (decimal)random.Next(5, 100_000));
                    Interlocked.Increment(ref submitted);
                    try
                    {
                        var (returnId, revision) = await SubmitAsync(channel, partner, period, figures);
                        ledger.Accept(key, new AcceptedRevision(revision, returnId, figures));
                    }
                    catch (RpcException)
                    {
                        ledger.Fail(key);
                    }
                }
            }, CancellationToken.None));
            await Task.WhenAll(workers);
        }

        var elapsed = clock.Elapsed;
        log.WriteLine($"submitted {submitted}, accepted {ledger.AcceptedCount}; waiting for the aggregator to catch up");
        var verifier = new ReportVerifier(channel, TestTokens.Trusted());
        var drained = Stopwatch.StartNew();
        var problems = await verifier.WaitUntilReceivedAsync(ledger, options.DrainTimeout, cancellationToken);
        var drain = drained.Elapsed;
        if (problems.Count == 0)
        {
            problems = await verifier.CheckAsync(ledger, cancellationToken);
        }

        return new LoadResult(options, store.Name, partners.Count, submitted, ledger.AcceptedCount, ledger.FailedCount, ledger.Entries.Count,
            ledger.Entries.Values.Select(e => e.Accepted.Count).DefaultIfEmpty(0).Max(), elapsed, drain, problems);
    }

    private static async Task<(string ReturnId, int Revision)> SubmitAsync(GrpcChannel channel, Partner partner, Period period, IReadOnlyDictionary<string, decimal> figures)
    {
        var headers = new Metadata { { "Authorization", TestTokens.Bearer(partner.Token) } };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var observations = figures.Select((f, i) => new Proto.ObservationInput { MeasureId = f.Key, Value = f.Value, SourceLine = i + 2 }).ToList();
        if (partner.Service == Partners.CrimeMeasures)
        {
            var request = new Crime.SubmitReturnRequest { AreaCode = partner.District, Period = period.ToContract(), SubmittedBy = partner.Agency };
            request.Observations.Add(observations);
            var reply = await new Crime.CrimeMeasures.CrimeMeasuresClient(channel).SubmitReturnAsync(request, headers, deadline);
            return (reply.ReturnId, reply.Revision);
        }

        var safeguarding = new SafeguardingV1.SubmitReturnRequest { AreaCode = partner.District, Period = period.ToContract(), SubmittedBy = partner.Agency };
        safeguarding.Observations.Add(observations);
        var answer = await new SafeguardingV1.Safeguarding.SafeguardingClient(channel).SubmitReturnAsync(safeguarding, headers, deadline);
        return (answer.ReturnId, answer.Revision);
    }
}
