namespace Partnership.Domain;

/// <summary>
/// The CSV layout of national force-level figures (docs/national-figures.md), shared by the
/// aggregator's importer and the CLI's template so the two cannot drift apart.
/// </summary>
public static class NationalFiguresLayout
{
    /// <summary>The service name <c>template --service</c> takes for this layout.</summary>
    public const string ServiceName = "national";

    public static IReadOnlyList<string> Columns { get; } = ["area_code", "measure_id", "period_start", "period_end", "value", "publication", "published_on"];

    /// <summary>The header with one example row.</summary>
    public static string Template =>
        string.Join(",", Columns) + "\n" +
        "E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,\"ONS Crime in England and Wales, year ending March 2024 (example)\",2024-07-24\n";
}
