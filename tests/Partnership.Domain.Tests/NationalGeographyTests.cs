using Microsoft.Extensions.Configuration;

namespace Partnership.Domain.Tests;

/// <summary>The built-in lookup of every district, partnership and force area in England and Wales, and its effective dating.</summary>
public sealed class NationalGeographyTests : IDisposable
{
    private const string WestYorkshire = "E23000010";
    private const string WestMercia = "E23000016";

    private static readonly NationalGeography BuiltIn = NationalGeography.LoadBuiltIn();

    // Before the built-in vintage, on its first day, and today: one vintage, so all but the first give the same answer.
    public static readonly TheoryData<DateOnly> Dates = new() { new DateOnly(2023, 4, 1), new DateOnly(2024, 12, 31), new DateOnly(2026, 12, 4) };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("geography-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void LoadBuiltIn_Forces_AreThe43TerritorialForceAreas()
    {
        var forces = BuiltIn.On(NationalGeography.BuiltInEffectiveFrom).Select(m => m.ForceCode).Distinct().ToList();

        Assert.Equal(43, forces.Count);
        Assert.Equal(39, forces.Count(f => f.StartsWith("E23", StringComparison.Ordinal)));
        Assert.Equal(4, forces.Count(f => f.StartsWith("W15", StringComparison.Ordinal)));
    }

    [Fact]
    public void LoadBuiltIn_Districts_AreEveryDistrictOfEnglandAndWalesIn2023()
    {
        var districts = BuiltIn.On(NationalGeography.BuiltInEffectiveFrom);

        Assert.Equal(318, districts.Count);
        Assert.Equal(296, districts.Count(d => d.DistrictCode.StartsWith('E')));
        Assert.Equal(22, districts.Count(d => d.DistrictCode.StartsWith('W')));
    }

    [Fact]
    public void LoadBuiltIn_Codes_HaveTheirGssType()
    {
        var memberships = BuiltIn.Memberships;

        Assert.All(memberships, m => Assert.True(GssCodes.IsDistrict(m.DistrictCode), m.DistrictCode));
        Assert.All(memberships, m => Assert.True(GssCodes.IsForce(m.ForceCode), m.ForceCode));
        Assert.All(memberships, m => Assert.True(m.PartnershipCode is null || GssCodes.IsPartnership(m.PartnershipCode), m.PartnershipCode));
        // A district's country and its force's agree: W06 districts are in W15 force areas.
        Assert.All(memberships, m => Assert.Equal(m.DistrictCode[0], m.ForceCode[0]));
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void LoadBuiltIn_OnAnyDate_EachDistrictInOnePartnershipAndEachPartnershipInOneForce(DateOnly date)
    {
        var on = BuiltIn.On(date);

        Assert.All(on.GroupBy(m => m.DistrictCode), g => Assert.Single(g));
        Assert.All(on.GroupBy(m => m.PartnershipKey), g => Assert.Single(g.Select(m => m.ForceCode).Distinct()));
    }

    [Fact]
    public void LoadBuiltIn_BeforeItsVintage_HasNoDistricts()
    {
        Assert.Empty(BuiltIn.On(NationalGeography.BuiltInEffectiveFrom.AddDays(-1)));
    }

    [Fact]
    public void LoadBuiltIn_Names_AreUniqueWithinEachType()
    {
        var on = BuiltIn.On(NationalGeography.BuiltInEffectiveFrom);

        Assert.Equal(on.Count, on.Select(m => m.DistrictName).Distinct().Count());
        Assert.Equal(on.Select(m => m.PartnershipKey).Distinct().Count(), on.Select(m => m.PartnershipName).Distinct().Count());
        Assert.Equal(43, on.Select(m => m.ForceName).Distinct().Count());
    }

    [Fact]
    public void LoadBuiltIn_WestYorkshire_HasItsFiveMetropolitanDistricts()
    {
        var districts = BuiltIn.DistrictsOfForce(WestYorkshire, new DateOnly(2024, 6, 30));

        Assert.Equal(["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"], districts.Select(d => d.DistrictName));
        Assert.Equal(["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"], districts.Select(d => d.DistrictCode));
        Assert.All(districts, d => Assert.Equal("West Yorkshire", d.ForceName));
    }

    [Fact]
    public void LoadBuiltIn_WestMercia_HasFivePartnershipsWithWorcestershireSplitNorthAndSouth()
    {
        var date = new DateOnly(2024, 6, 30);

        Assert.Equal(
            ["Herefordshire", "North Worcestershire", "Shropshire", "South Worcestershire", "Telford and Wrekin"],
            BuiltIn.PartnershipsOfForce(WestMercia, date));
        Assert.Equal(["Bromsgrove", "Redditch", "Wyre Forest"], BuiltIn.DistrictsOfPartnership("North Worcestershire", date).Select(d => d.DistrictName));
        Assert.Equal(["Malvern Hills", "Worcester", "Wychavon"], BuiltIn.DistrictsOfPartnership("South Worcestershire", date).Select(d => d.DistrictName));
        Assert.Equal(["E06000019"], BuiltIn.DistrictsOfPartnership("Herefordshire", date).Select(d => d.DistrictCode));
    }

    [Fact]
    public void LoadBuiltIn_Reorganisations_Of2023_AreUnitaryDistricts()
    {
        var date = new DateOnly(2024, 6, 30);

        Assert.Equal("E23000002", BuiltIn.DistrictOn("E06000063", date)?.ForceCode); // Cumberland, Cumbria
        Assert.Equal("E23000002", BuiltIn.DistrictOn("E06000064", date)?.ForceCode); // Westmorland and Furness
        Assert.Equal("E23000009", BuiltIn.DistrictOn("E06000065", date)?.ForceCode); // North Yorkshire
        Assert.Equal("E23000038", BuiltIn.DistrictOn("E06000066", date)?.ForceCode); // Somerset, Avon and Somerset
        Assert.Null(BuiltIn.DistrictOn("E07000163", date)); // Craven, abolished into North Yorkshire
    }

    [Fact]
    public void LoadBuiltIn_PartnershipsWithoutACode_AreEachListedInTheNotes()
    {
        var notes = File.ReadAllText(Path.Combine(RepositoryRoot(), "services", "Domain", "Data", "lad-csp-pfa.notes.md"));

        var uncoded = BuiltIn.Memberships.Where(m => m.PartnershipCode is null).Select(m => m.PartnershipName).Distinct().ToList();

        Assert.NotEmpty(uncoded);
        Assert.All(uncoded, name => Assert.Contains($"\n- {name}\n", notes, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_TwoVintages_GiveEachDateItsVintagesMembership()
    {
        // Northamptonshire's 2021 unitaries; the partnership codes are made up for the test.
        var switchDate = new DateOnly(2021, 4, 1);
        var earlier = Vintage(new DateOnly(2019, 4, 1),
            Row("E07000150", "Corby", "E22000001", "Corby", "E23000022", "Northamptonshire"),
            Row("E07000151", "Daventry", "E22000002", "Daventry", "E23000022", "Northamptonshire"));
        var later = Vintage(switchDate,
            Row("E06000061", "North Northamptonshire", "E22000003", "North Northamptonshire", "E23000022", "Northamptonshire"),
            Row("E06000062", "West Northamptonshire", "E22000004", "West Northamptonshire", "E23000022", "Northamptonshire"));

        // Given out of order: the dates decide.
        var geography = new NationalGeography([later, earlier]);

        Assert.Equal(["Corby", "Daventry"], geography.DistrictsOfForce("E23000022", switchDate.AddDays(-1)).Select(d => d.DistrictName));
        Assert.Equal(["North Northamptonshire", "West Northamptonshire"], geography.DistrictsOfForce("E23000022", switchDate).Select(d => d.DistrictName));
        Assert.Equal(new DateOnly(2021, 3, 31), geography.DistrictOn("E07000150", new DateOnly(2020, 1, 1))?.To);
        Assert.Null(geography.DistrictOn("E07000150", switchDate));
        Assert.Null(geography.DistrictOn("E06000061", switchDate.AddDays(-1)));
        Assert.Null(geography.DistrictOn("E06000061", new DateOnly(2030, 1, 1))?.To);
    }

    [Fact]
    public void Constructor_TwoVintagesOfOneDate_TakesTheLaterGiven()
    {
        // Partnership codes made up for the test.
        var date = new DateOnly(2023, 4, 1);
        var first = Vintage(date, Row("E08000035", "Leeds", "E22000001", "Leeds", "E23000010", "West Yorkshire"));
        var correction = Vintage(date, Row("E08000035", "Leeds", "E22000009", "Safer Leeds", "E23000010", "West Yorkshire"));

        var geography = new NationalGeography([first, correction]);

        Assert.Equal("Safer Leeds", Assert.Single(geography.On(date)).PartnershipName);
    }

    [Fact]
    public void Load_ConfiguredNewerVintage_AppliesFromItsDateAndTheBuiltInBefore()
    {
        var path = Path.Combine(_directory.FullName, "LAD24_CSP24_PFA24_EW_LU.csv");
        File.WriteAllText(path, """
            LAD24CD,LAD24NM,CSP24CD,CSP24NM,PFA24CD,PFA24NM
            E08000035,Leeds,E22000123,Leeds,E23000010,West Yorkshire
            """);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Geography:LookupFiles:0:Path"] = path,
                ["Geography:LookupFiles:0:EffectiveFrom"] = "2024-04-01",
            })
            .Build();

        var geography = NationalGeography.Load(configuration);

        Assert.Equal(318, geography.On(new DateOnly(2024, 3, 31)).Count);
        var leeds = Assert.Single(geography.On(new DateOnly(2024, 4, 1)));
        Assert.Equal(("E08000035", "E22000123", "E23000010"), (leeds.DistrictCode, leeds.PartnershipCode, leeds.ForceCode));
    }

    [Fact]
    public void Load_ConfiguredFileWithoutADate_IsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidDataException>(() => NationalGeography.Load([new LookupFileOptions { Path = "lookup.csv" }]));

        Assert.Equal("Geography:LookupFiles:0 needs both Path and EffectiveFrom (a date, e.g. 2024-04-01); it has Path 'lookup.csv' and EffectiveFrom ''.", error.Message);
    }

    private static LookupVintage Vintage(DateOnly from, params LookupRow[] rows) => new("test", from, rows);

    private static LookupRow Row(string district, string districtName, string partnership, string partnershipName, string force, string forceName) =>
        new(2, district, districtName, partnership, partnershipName, force, forceName);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Partnership.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Partnership.sln not found above " + AppContext.BaseDirectory);
    }
}
