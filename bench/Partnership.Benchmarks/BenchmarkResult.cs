namespace Partnership.Benchmarks;

/// <summary>
/// One figure beside its own baseline from the same run, and whether the ratio meets the issue's target;
/// <see cref="Breakdown"/> says where the time went when the benchmark can tell (<see cref="ActivityTimes"/>).
/// </summary>
public sealed record BenchmarkResult(string Name, string Figure, string Baseline, double Ratio, string Target, bool Met, string? Breakdown = null)
{
    public string ToRow() => $"| {Name} | {Figure} | {Baseline} | {Ratio:0.###} | {Target} | {(Met ? "met" : "NOT met")} |";
}
