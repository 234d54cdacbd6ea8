using Partnership.Domain;
using Partnership.LocalHost;
using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>The local run seeds West Yorkshire by default and every force area with <c>Demo:Scope=national</c>.</summary>
[Trait(Lane.Key, Lane.System)]
public class DemoScopeTests
{
    private static readonly Geography Geography = Geography.Load();
    private static readonly Period Quarter = Period.FinancialQuarter(2024, 1);

    private static HashSet<string> AreasSeeded(DemoScope scope) =>
        [.. DemoData.CrimeReturns(Geography, scope).Where(r => r.Period == Quarter).Select(r => r.AreaCode)];

    [Fact]
    public void CrimeReturns_DefaultScope_OnlyWestYorkshire()
    {
        Assert.Equal([.. Areas.WestYorkshireDistricts, Areas.WestYorkshire], AreasSeeded(DemoScope.WestYorkshire).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CrimeReturns_NationalScope_EveryDistrictOfEveryForceOnTheQuartersBoundaries()
    {
        var forces = Geography.Areas.Where(a => a.Type == AreaType.Force).ToList();
        var expected = forces.SelectMany(f => Geography.DistrictsOf(f.Code, Quarter.Start)).Select(d => d.Code).Append(Areas.WestYorkshire).ToHashSet();

        var seeded = AreasSeeded(DemoScope.National);

        Assert.Equal(expected.Order(StringComparer.Ordinal), seeded.Order(StringComparer.Ordinal));
        Assert.All(forces, f => Assert.NotEmpty(Geography.DistrictsOf(f.Code, Quarter.Start)));
    }
}
