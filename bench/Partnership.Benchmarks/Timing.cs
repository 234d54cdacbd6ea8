using System.Diagnostics;

namespace Partnership.Benchmarks;

/// <summary>Times repeated runs of one piece of work; the median is the figure, the spread says how noisy it was.</summary>
public static class Timing
{
    public static async Task<Sample> MeasureAsync(int warmups, int runs, Func<Task> work)
    {
        for (var i = 0; i < warmups; i++)
        {
            await work();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
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
