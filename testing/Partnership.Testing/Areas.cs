namespace Partnership.Testing;

/// <summary>
/// The area codes the tests use, as in the built-in geography (services/Domain/Data/geography.json).
/// Every test and fixture takes them from here, so a code that changes there changes here once.
/// </summary>
public static class Areas
{
    public const string WestYorkshire = "E11000006";
    public const string Bradford = "E08000032";
    public const string Calderdale = "E08000033";
    public const string Kirklees = "E08000034";
    public const string Leeds = "E08000035";
    public const string Wakefield = "E08000036";

    public const string WestMercia = "E23000016";
    public const string Herefordshire = "E06000019";
    public const string Shropshire = "E06000051";
    public const string TelfordAndWrekin = "E06000020";
    public const string Worcestershire = "E10000034";

    /// <summary>West Yorkshire's five districts, in code order.</summary>
    public static readonly IReadOnlyList<string> WestYorkshireDistricts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    /// <summary>West Mercia's four districts, in the geography's order.</summary>
    public static readonly IReadOnlyList<string> WestMerciaDistricts = [Herefordshire, Shropshire, TelfordAndWrekin, Worcestershire];
}
