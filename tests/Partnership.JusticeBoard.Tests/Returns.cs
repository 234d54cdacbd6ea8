using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Testing;

namespace Partnership.JusticeBoard.Tests;

/// <summary>Well-formed justice returns for West Yorkshire, for tests to spoil one figure at a time.</summary>
internal static class Returns
{
    public const string WestYorkshire = Areas.WestYorkshire;

    public static readonly Courts Courts = Domain.Courts.Load(Geography.Load());

    public static CourtDefinition LeedsCrown => Courts.OfForce(WestYorkshire).Single(c => c.Code == "WY-CC-LEEDS");

    public static CourtDefinition BradfordCrown => Courts.OfForce(WestYorkshire).Single(c => c.Code == "WY-CC-BRADFORD");

    public static CourtBacklogEntry Backlog(CourtDefinition court, long under13 = 1000, long to26 = 600, long to52 = 500, long over52 = 400, long? total = null, long disposals = 400, Period? window = null) =>
        new(court, new AgeBands(under13, to26, to52, over52), total ?? (under13 + to26 + to52 + over52), window ?? Period.Parse("2023-02..2023-02"), 380, disposals, SourceLine: 2);

    public static TrialOutcomes Trials(long listed = 100, long effective = 40, long cracked = 30, long ineffective = 20, long vacated = 10) =>
        new(CourtType.Crown, listed, effective, cracked, ineffective, vacated, SourceLine: 2);
}
