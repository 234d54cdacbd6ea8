namespace Partnership.Testing;

/// <summary>Waits on a condition with a timeout instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        Exception? lastError = null;
        var last = default(T);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The thing probed may not be up yet; keep trying until the deadline.
                lastError = ex;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}; last value: {last}", lastError);
    }
}
