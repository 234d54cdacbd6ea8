using System.Globalization;

namespace Partnership.Domain;

/// <summary>
/// One area's mid-year population estimate: the residents on 30 June of <paramref name="Year"/>, with
/// the vintage it comes from (which release, published when), so a rate says what it was divided by.
/// </summary>
public sealed record PopulationEstimate(string AreaCode, int Year, long Population, string Vintage)
{
    /// <summary>For provenance: "mid-2022 population 822,500 (ONS mid-2022 estimates, published 2024)".</summary>
    public string Describe() => $"mid-{Year} population {Population.ToString("#,##0", CultureInfo.InvariantCulture)} ({Vintage})";
}
