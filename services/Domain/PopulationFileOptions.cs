namespace Partnership.Domain;

/// <summary>
/// A mid-year estimates file an operator adds by configuration, in the ONS layout
/// (<see cref="OnsPopulationReader"/>), one file per mid-year: e.g.
/// <c>Populations__Files__0__Path=/data/mye-2023.csv</c>, <c>Populations__Files__0__Year=2023</c>,
/// <c>Populations__Files__0__Vintage=ONS mid-2023 estimates, published July 2024</c>.
/// </summary>
public sealed class PopulationFileOptions
{
    public string Path { get; set; } = "";

    /// <summary>The mid-year the file estimates: its figures are for 30 June of this year.</summary>
    public int? Year { get; set; }

    /// <summary>Which release the figures come from, shown beside every rate that uses them.</summary>
    public string Vintage { get; set; } = "";
}
