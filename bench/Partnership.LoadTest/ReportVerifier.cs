using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Domain;
using Partnership.Testing;

namespace Partnership.LoadTest;

/// <summary>
/// Checks the exchange against the ledger of what partners were told: the aggregator holds the
/// latest accepted revision of every return; each county rollup has each district's figure exactly
/// once, from that revision, and the county value is their sum (nothing counted twice or left out);
/// and each figure's history holds every accepted revision with its figures (nothing lost).
/// </summary>
public sealed class ReportVerifier(GrpcChannel channel, string token)
{
    private readonly Metadata _headers = new() { { "Authorization", TestTokens.Bearer(token) } };

    /// <summary>Waits until the aggregator holds at least the latest accepted revision of every return.</summary>
    public async Task<IReadOnlyList<string>> WaitUntilReceivedAsync(Ledger ledger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(channel);
        var periods = ledger.Entries.Keys.Select(k => k.PeriodKey).Distinct().ToList();
        try
        {
            await Eventually.WaitForAsync(
                async () =>
                {
                    var behind = 0;
                    foreach (var periodKey in periods)
                    {
                        var received = await reporting.ListReceivedReturnsAsync(
                            new ListReceivedReturnsRequest { Period = PeriodKeys.Parse(periodKey).ToContract() }, _headers, cancellationToken: cancellationToken);
                        var revisions = received.Returns.ToDictionary(r => (r.Service, r.AreaCode), r => r.Revision);
                        behind += ledger.Entries.Count(e => e.Key.PeriodKey == periodKey && e.Value.Latest is { } latest
                            && revisions.GetValueOrDefault((e.Key.Service, e.Key.District)) < latest.Revision);
                    }

                    return behind;
                },
                behind => behind == 0,
                timeout,
                $"the aggregator to hold the latest accepted revision of every return (returns it is still behind on, of {ledger.Entries.Count})");
            return [];
        }
        catch (TimeoutException ex)
        {
            return [ex.Message];
        }
    }

    public async Task<IReadOnlyList<string>> CheckAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var group in ledger.Entries.Where(e => e.Value.Latest is not null).GroupBy(e => (e.Key.Force, e.Key.PeriodKey)))
        {
            await CheckRollupAsync(group.Key.Force, group.Key.PeriodKey, group.ToDictionary(e => e.Key, e => e.Value), problems, cancellationToken);
        }

        foreach (var (key, entry) in ledger.Entries.Where(e => e.Value.Latest is not null))
        {
            await CheckHistoryAsync(key, entry, problems, cancellationToken);
        }

        return problems;
    }

    private async Task CheckRollupAsync(string force, string periodKey, Dictionary<ReturnKey, Ledger.Entry> returns, List<string> problems, CancellationToken cancellationToken)
    {
        var rollup = await new Contracts.Reporting.V1.Reporting.ReportingClient(channel).GetCountyRollupAsync(
            new GetCountyRollupRequest { ForceAreaCode = force, Period = PeriodKeys.Parse(periodKey).ToContract(), Audience = ReportAudience.Partner },
            _headers,
            cancellationToken: cancellationToken);
        foreach (var service in returns.Keys.Select(k => k.Service).Distinct())
        {
            var expected = returns.Where(r => r.Key.Service == service).ToDictionary(r => r.Key.District, r => r.Value.Latest!);
            foreach (var measure in Partners.MeasuresOf(service))
            {
                var where = $"{force} {periodKey} {measure}";
                var figures = rollup.Measures.SingleOrDefault(m => m.Measure.Id == measure)?.Districts.ToList() ?? [];
                foreach (var (district, latest) in expected)
                {
                    var found = figures.Where(f => f.AreaCode == district).ToList();
                    if (found.Count != 1)
                    {
                        problems.Add($"{where}: {district} appears {found.Count} times, expected once (revision {latest.Revision})");
                    }
                    else if (found[0].Revision != latest.Revision || found[0].ReturnId != latest.ReturnId || found[0].Value.ToDecimal() != latest.Figures[measure])
                    {
                        problems.Add($"{where}: {district} shows revision {found[0].Revision} = {found[0].Value.ToDecimal()}, expected revision {latest.Revision} = {latest.Figures[measure]}");
                    }
                }

                problems.AddRange(figures.Where(f => !expected.ContainsKey(f.AreaCode)).Select(f => $"{where}: {f.AreaCode} is in the report but no return of it was accepted"));
                var county = rollup.Measures.Single(m => m.Measure.Id == measure).CountyValue?.ToDecimal();
                var sum = expected.Values.Sum(latest => latest.Figures[measure]);
                if (county != sum)
                {
                    problems.Add($"{where}: county value {county}, expected the sum of the latest revisions {sum}");
                }
            }
        }
    }

    private async Task CheckHistoryAsync(ReturnKey key, Ledger.Entry entry, List<string> problems, CancellationToken cancellationToken)
    {
        var measure = Partners.MeasuresOf(key.Service)[0];
        var history = await new ReturnStatus.ReturnStatusClient(channel).GetObservationHistoryAsync(
            new GetObservationHistoryRequest { MeasureId = measure, AreaCode = key.District, Period = PeriodKeys.Parse(key.PeriodKey).ToContract() },
            _headers,
            cancellationToken: cancellationToken);
        var stored = history.Revisions.ToDictionary(r => r.Revision);
        foreach (var accepted in entry.Accepted)
        {
            if (!stored.TryGetValue(accepted.Revision, out var revision) || revision.ReturnId != accepted.ReturnId || revision.Observation?.Value?.ToDecimal() != accepted.Figures[measure])
            {
                problems.Add($"{key}: accepted revision {accepted.Revision} ({accepted.Figures[measure]}) is not in the history as acknowledged");
            }
        }

        // Revisions are numbered without gaps; more than were acknowledged only if a call failed after storing.
        if (history.Revisions.Count < entry.Accepted.Count || (entry.Failed == 0 && history.Revisions.Count != entry.Accepted.Count))
        {
            problems.Add($"{key}: {history.Revisions.Count} revisions stored, {entry.Accepted.Count} accepted and {entry.Failed} failed");
        }
    }
}
