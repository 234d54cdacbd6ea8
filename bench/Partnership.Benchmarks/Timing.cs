using System.Diagnostics;

namespace Partnership.Benchmarks;

/// <summary>Times repeated runs of one piece of work; the median is the figure, the spread says how noisy it was.</summary>
public static class Timing
{
    public static Task<Sample> MeasureAsync(int warmups, int runs, Func<Task> work) =>
        MeasureAsync(warmups, runs, () => Task.FromResult(0), _ => work());

    /// <summary>Times <paramref name="work"/> only; what <paramref name="setup"/> prepares (an empty database, say) is not timed, and is disposed after.</summary>
    public static async Task<Sample> MeasureAsync<T>(int warmups, int runs, Func<Task<T>> setup, Func<T, Task> work)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < warmups + runs; i++)
        {
            var state = await setup();
            try
            {
                var watch = Stopwatch.StartNew();
                await work(state);
                if (i >= warmups)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            finally
            {
                if (state is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        }

        return new Sample(times);
    }
}

/// <summary>Elapsed times in milliseconds of repeated runs.</summary>
public sealed class Sample(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Median => Percentile(50);

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        // Nearest rank: the smallest time at or above p percent of the runs.
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }
}
