namespace Partnership.Testing;

/// <summary>
/// The area codes the tests use, as in the built-in geography (services/Domain/Data: the national lookup
/// and geography.json, which holds the memberships before April 2023).
/// Every test and fixture takes them from here, so a code that changes there changes here once.
/// </summary>
public static class Areas
{
    public const string WestYorkshire = "E23000010";

    /// <summary>West Yorkshire's metropolitan county code, which the exchange used for the force before; accepted as an alias.</summary>
    public const string WestYorkshireCounty = "E11000006";
    public const string Bradford = "E08000032";
    public const string Calderdale = "E08000033";
    public const string Kirklees = "E08000034";
    public const string Leeds = "E08000035";
    public const string Wakefield = "E08000036";

    public const string WestMercia = "E23000016";
    public const string Herefordshire = "E06000019";
    public const string Shropshire = "E06000051";
    public const string TelfordAndWrekin = "E06000020";
    public const string NorthWorcestershire = "csp-north-worcestershire";
    public const string SouthWorcestershire = "csp-south-worcestershire";

    /// <summary>West Yorkshire's five districts, in code order.</summary>
    public static readonly IReadOnlyList<string> WestYorkshireDistricts = [Bradford, Calderdale, Kirklees, Leeds, Wakefield];

    /// <summary>West Mercia's five partnerships, by name as the geography orders them.</summary>
    public static readonly IReadOnlyList<string> WestMerciaDistricts = [Herefordshire, NorthWorcestershire, Shropshire, SouthWorcestershire, TelfordAndWrekin];
}
