using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a transaction with an outbox record commits, so a return reaches
/// the aggregator in milliseconds instead of at the next poll. The pipeline hands over the records it
/// has just committed with the wake-up, so the dispatcher publishes them without reading the outbox
/// back; the outbox stays the record of what is published (the dispatcher marks them there), and
/// anything not handed over (the hand-off full, a dispatcher that is not running) is left to the drain.
/// </summary>
public sealed class OutboxSignal<TContext>(int capacity = OutboxSignal<TContext>.DefaultCapacity, long capacityBytes = OutboxSignal<TContext>.DefaultCapacityBytes)
{
    /// <summary>
    /// At most this many records reserved, waiting or being published at once; beyond it, a submission's
    /// records are left to the drain. A paused or stuck dispatcher takes none, so this bounds what is held.
    /// </summary>
    public const int DefaultCapacity = 1000;

    /// <summary>The same bound on the events' bytes: a few large returns fill it before many small ones.</summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _lock = new();
    private readonly Queue<CommittedEvent> _handedOff = new();

    // Reserved before the commit, so a drain that reads a record between its commit and its hand-off
    // leaves it to the hand-off instead of publishing it a second time.
    private readonly Dictionary<Guid, int> _reserved = [];
    private long _reservedBytes;
    private bool _drainWanted;

    /// <summary>Wakes the dispatcher to drain the outbox: for records it was not handed.</summary>
    public void Notify()
    {
        lock (_lock)
        {
            _drainWanted = true;
        }

        Wake();
    }

    /// <summary>
    /// Called before the commit that stores <paramref name="events"/>: from now on the drain leaves
    /// them to the hand-off. False (nothing reserved) when the hand-off is full.
    /// </summary>
    public bool Reserve(IReadOnlyCollection<CommittedEvent> events)
    {
        lock (_lock)
        {
            var bytes = events.Sum(e => (long)e.Message.Data.Length);
            if (_reserved.Count + events.Count > capacity || _reservedBytes + bytes > capacityBytes)
            {
                return false;
            }

            foreach (var committed in events)
            {
                _reserved.Add(committed.Message.Id, committed.Message.Data.Length);
            }

            _reservedBytes += bytes;

            return true;
        }
    }

    /// <summary>
    /// Hands the reserved <paramref name="events"/> over once their transaction has committed, and wakes
    /// the dispatcher. The dispatcher gets copies: the pipeline's own stay with its unit of work.
    /// </summary>
    public void HandOff(IEnumerable<CommittedEvent> events)
    {
        lock (_lock)
        {
            foreach (var committed in events)
            {
                _handedOff.Enqueue(committed with { Message = Copy(committed.Message) });
            }
        }

        Wake();
    }

    /// <summary>
    /// Gives the drain back records it was not handed after all (their transaction rolled back) or has
    /// finished with (published and marked, or backed off in the outbox).
    /// </summary>
    public void Release(IEnumerable<Guid> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_reserved.Remove(id, out var bytes))
                {
                    _reservedBytes -= bytes;
                }
            }
        }
    }

    /// <summary>What has been handed over since the last call, oldest first; they stay reserved until released.</summary>
    public IReadOnlyList<CommittedEvent> TakeHandedOff()
    {
        lock (_lock)
        {
            var taken = _handedOff.ToList();
            _handedOff.Clear();
            return taken;
        }
    }

    /// <summary>Whether a drain was asked for since the last call; the asking is cleared.</summary>
    public bool TakeDrainWanted()
    {
        lock (_lock)
        {
            var wanted = _drainWanted;
            _drainWanted = false;
            return wanted;
        }
    }

    /// <summary>Whether the record is reserved for, waiting in or being published from the hand-off.</summary>
    public bool IsReserved(Guid id)
    {
        lock (_lock)
        {
            return _reserved.ContainsKey(id);
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first; one wake-up is enough.
            }
        }
    }

    private static OutboxMessage Copy(OutboxMessage message) => new()
    {
        Id = message.Id,
        Topic = message.Topic,
        ReturnId = message.ReturnId,
        Data = message.Data,
        ContentType = message.ContentType,
        TraceParent = message.TraceParent,
        CreatedAtMs = message.CreatedAtMs,
        NextAttemptAtMs = message.NextAttemptAtMs,
        PublishedAtMs = message.PublishedAtMs,
        Attempts = message.Attempts,
        LastError = message.LastError,
    };
}
