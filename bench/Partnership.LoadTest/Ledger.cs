using System.Collections.Concurrent;

namespace Partnership.LoadTest;

/// <summary>One return across its revisions: a service's return for one district and month.</summary>
public sealed record ReturnKey(string Service, string Force, string District, string PeriodKey);

/// <summary>What the exchange acknowledged for a revision: its id and the figures it was given.</summary>
public sealed record AcceptedRevision(int Revision, string ReturnId, IReadOnlyDictionary<string, decimal> Figures);

/// <summary>
/// Everything the partners were told: each acknowledged revision of each return, and each call that
/// failed (whose outcome is unknown: it may or may not have been stored). Safe for concurrent workers.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<ReturnKey, Entry> _entries = new();

    public sealed class Entry
    {
        public List<AcceptedRevision> Accepted { get; } = [];

        public int Failed { get; set; }

        public AcceptedRevision? Latest => Accepted.Count == 0 ? null : Accepted.MaxBy(a => a.Revision);
    }

    public void Accept(ReturnKey key, AcceptedRevision revision)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.Accepted.Add(revision);
        }
    }

    public void Fail(ReturnKey key)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.Failed++;
        }
    }

    /// <summary>Read once the workers have stopped.</summary>
    public IReadOnlyDictionary<ReturnKey, Entry> Entries => _entries;

    public int AcceptedCount => _entries.Values.Sum(e => e.Accepted.Count);

    public int FailedCount => _entries.Values.Sum(e => e.Failed);
}
