using System.Globalization;

namespace Partnership.LoadTest;

/// <summary>How long and how hard to push, and on which database.</summary>
public sealed record LoadOptions
{
    /// <summary>How long partners keep submitting; the check of the report comes after.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Partners submitting at the same moment (each call waits for its answer before the next).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Months of returns each partner may submit (and resubmit): fewer months, more revisions.</summary>
    public int Months { get; init; } = 60;

    /// <summary>Run the local host on a throwaway PostgreSQL server instead of SQLite files (the command line's choice).</summary>
    public bool Postgres { get; init; }

    /// <summary>Seeds the random choices, so a failing run can be repeated.</summary>
    public int Seed { get; init; } = 9;

    /// <summary>How long the aggregator may take to drain the outbox once submissions stop.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--concurrency" => options with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--months" => options with { Months = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--drain" => options with { DrainTimeout = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--postgres" => options with { Postgres = true },
                "--short" => options with { Duration = TimeSpan.FromSeconds(20), Months = 6, Concurrency = 16 },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --duration SECONDS, --concurrency N, --months N, --drain SECONDS, --seed N, --postgres, --short"),
            };
        }

        return options;
    }
}
