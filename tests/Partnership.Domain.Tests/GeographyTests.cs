using Partnership.Testing;

namespace Partnership.Domain.Tests;

/// <summary>The running geography: every force of the national lookup, the curated earlier memberships, and retired codes.</summary>
public sealed class GeographyTests
{
    private static readonly Geography Geography = Geography.Load();
    private static readonly NationalGeography National = NationalGeography.LoadBuiltIn();

    private static readonly DateOnly Today = new(2026, 12, 4);

    [Fact]
    public void Load_BuiltIn_HasEveryForceOfTheNationalLookup()
    {
        var national = National.On(Today).Select(m => (m.ForceCode, m.ForceName)).Distinct().Order().ToList();

        var forces = Geography.Areas.Where(a => a.Type == AreaType.Force).Select(a => (a.Code, a.Name)).Order().ToList();

        Assert.Equal(43, forces.Count);
        Assert.Equal(national, forces);
        Assert.All(forces, f => Assert.NotEmpty(Geography.DistrictsOf(f.Code, Today)));
    }

    [Fact]
    public void DistrictsOf_WestMerciaToday_AreItsFivePartnerships()
    {
        var partnerships = Geography.DistrictsOf(Areas.WestMercia, Today);

        Assert.Equal(
            [
                (Areas.Herefordshire, "Herefordshire"), (Areas.NorthWorcestershire, "North Worcestershire"), (Areas.Shropshire, "Shropshire"),
                (Areas.SouthWorcestershire, "South Worcestershire"), (Areas.TelfordAndWrekin, "Telford and Wrekin"),
            ],
            partnerships.Select(p => (p.Code, p.Name)));
        Assert.Equal(Areas.WestMerciaDistricts, partnerships.Select(p => p.Code));
        Assert.Equal([275_826L, 290_343L], partnerships.Where(p => p.Name.EndsWith("Worcestershire", StringComparison.Ordinal)).Select(p => p.Population!.Value));
        Assert.False(Geography.TryGet("E10000034", out _));
    }

    [Fact]
    public void DistrictsOf_WestMerciaIn2013_AreTheFivePartnershipsOfItsPlan()
    {
        var on = new DateOnly(2013, 6, 30);

        Assert.Equal(Areas.WestMerciaDistricts, Geography.DistrictsOf(Areas.WestMercia, on).Select(p => p.Code));
        Assert.Equal(Areas.WestMercia, Geography.ForceOf(Areas.NorthWorcestershire, on));
    }

    [Fact]
    public void DistrictsOf_WestYorkshireBeforeAndAfterTheLookup_AreTheSameFiveDistricts()
    {
        var before = Geography.DistrictsOf(Areas.WestYorkshire, new DateOnly(2023, 3, 31));
        var after = Geography.DistrictsOf(Areas.WestYorkshire, new DateOnly(2023, 4, 1));

        Assert.Equal(Areas.WestYorkshireDistricts, before.Select(d => d.Code));
        Assert.Equal(before, after);
        Assert.Equal([542_000L, 211_000L, 441_000L, 799_000L, 354_000L], after.Select(d => d.Population!.Value));
        Assert.Equal(Areas.WestYorkshireDistricts, Geography.DistrictsEverOf(Areas.WestYorkshire).Select(d => d.Code));
    }

    [Fact]
    public void DistrictsOf_OtherForceBeforeTheLookup_IsEmpty()
    {
        const string cleveland = "E23000013";

        Assert.Empty(Geography.DistrictsOf(cleveland, new DateOnly(2023, 3, 31)));
        Assert.Equal(["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"], Geography.DistrictsOf(cleveland, Today).Select(d => d.Name));
    }

    [Fact]
    public void Get_WestYorkshireCountyCode_IsTheForceAreaUnderItsOwnCode()
    {
        var force = Geography.Get(Areas.WestYorkshireCounty);

        Assert.Equal(new AreaDefinition(Areas.WestYorkshire, "West Yorkshire", AreaType.Force, 2_347_000), force);
        Assert.Equal(Areas.WestYorkshire, Geography.Canonical(Areas.WestYorkshireCounty));
        Assert.Equal(Areas.Leeds, Geography.Canonical(Areas.Leeds));
        Assert.Equal(Areas.WestYorkshireDistricts, Geography.DistrictsOf(Areas.WestYorkshireCounty, Today).Select(d => d.Code));
        Assert.Equal(Areas.WestYorkshire, Geography.ForceOf(Areas.Leeds, new DateOnly(2019, 12, 31)));
        Assert.DoesNotContain(Geography.Areas, a => a.Code == Areas.WestYorkshireCounty);
    }

    [Theory]
    [InlineData("E22000123", "Anywhere", new[] { "E07000001", "E07000002" }, "E22000123")]
    [InlineData(null, "Herefordshire", new[] { "E06000019" }, "E06000019")]
    [InlineData(null, "North Worcestershire", new[] { "E07000234", "E07000236", "E07000239" }, "csp-north-worcestershire")]
    [InlineData(null, "Safer Hastings & Rother", new[] { "E07000062", "E07000064" }, "csp-safer-hastings-rother")]
    public void PartnershipCode_WhatTheLookupKnows_ChoosesTheCode(string? code, string name, string[] districts, string expected) =>
        Assert.Equal(expected, Geography.PartnershipCode(code, name, districts));

    [Fact]
    public void Load_VintageWithPartnershipCodes_TakesThemFromItsDate()
    {
        var from = new DateOnly(2025, 4, 1);
        var rows = National.Vintages[0].Rows
            .Select(r => r.PartnershipName == "North Worcestershire" ? r with { PartnershipCode = "E22000900" } : r)
            .ToList();
        var national = new NationalGeography([National.Vintages[0], new LookupVintage("test", from, rows)]);

        var geography = Geography.Load(national);

        Assert.Contains(geography.DistrictsOf(Areas.WestMercia, from), p => p.Code == "E22000900" && p.Name == "North Worcestershire");
        Assert.Contains(geography.DistrictsOf(Areas.WestMercia, from.AddDays(-1)), p => p.Code == Areas.NorthWorcestershire);
    }
}
