namespace Partnership.Submissions.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a transaction with an outbox record commits, so a return reaches
/// the aggregator in milliseconds instead of at the next poll.
/// </summary>
public sealed class OutboxSignal<TContext>
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
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

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
