using Microsoft.Extensions.Configuration;

namespace Partnership.Domain.Tests;

/// <summary>
/// Mid-year population estimates: the ONS table layout an analyst downloads, the built-in figures for
/// the demo's areas, an operator's file by configuration, and rates per 1,000 declared in the catalogue.
/// </summary>
public sealed class PopulationEstimatesTests : IDisposable
{
    private const string Vintage = "ONS mid-2022 estimates, published 2024";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ons-mye-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Read_OnsLayout_SkipsTitleLinesAndAgeColumnsAndReadsThousandsSeparators()
    {
        var estimates = OnsPopulationReader.Read(new StringReader("""
            "Mid-2022 population estimates, persons, all ages"
            ,,,
            Code,Name,Geography,All ages,0,1,2
            E06000019,"Herefordshire, County of",Unitary Authority,"188,100",1500,1600,1700
            E08000035,Leeds,Metropolitan District,822500,9000,9100,9200

            E23000016,West Mercia,Police Force Area,"1,308,100",,,
            """), "mye-2022.csv", 2022, Vintage);

        Assert.Equal(
            [
                new PopulationEstimate("E06000019", 2022, 188_100, Vintage),
                new PopulationEstimate("E08000035", 2022, 822_500, Vintage),
                new PopulationEstimate("E23000016", 2022, 1_308_100, Vintage),
            ],
            estimates);
    }

    [Fact]
    public void Read_BadRows_IsRefusedWholeNamingEachByLineAndField()
    {
        // Line 1 is the header; the good row on line 2 is not kept, since a file is accepted whole.
        var error = Assert.Throws<PopulationFileException>(() => OnsPopulationReader.Read(new StringReader("""
            Code,Name,Geography,All ages
            E06000019,Herefordshire,Unitary Authority,188100
            E0800003,Leeds,Metropolitan District,822500
            E08000036,Wakefield,Metropolitan District,"35,77,00"
            E08000033,Calderdale,Metropolitan District,
            E06000019,Herefordshire,Unitary Authority,188100
            """), "bad.csv", 2022, Vintage));

        Assert.Equal(
            [
                "line 3, Code: 'E0800003' is not an ONS area code (a letter and eight digits, e.g. E08000035)",
                "line 4, All ages: '35,77,00' is not a whole number of residents",
                "line 5, All ages: is empty",
                "line 6, Code: 'E06000019' is on line 2 too; an area has one estimate a year",
            ],
            error.Problems.Select(p => p.ToString()));
        Assert.StartsWith("bad.csv is not a usable mid-year population estimates file: line 3, Code:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoHeader_IsRefusedNamingTheColumnsItNeeds()
    {
        var error = Assert.Throws<PopulationFileException>(() => OnsPopulationReader.Read(new StringReader("""
            AreaCode,Population
            E08000035,822500
            """), "other.csv", 2022, Vintage));

        Assert.Equal(["line 1, header: no header line with the columns 'Code' and 'All ages'"], error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_OperatorFileByConfiguration_AddsAYearAndReplacesTheBuiltInFigure()
    {
        var path = Path.Combine(_directory.FullName, "mye-2022.csv");
        File.WriteAllText(path, "Code,Name,Geography,All ages\nE08000035,Leeds,Metropolitan District,\"822,483\"\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Populations:Files:0:Path"] = path,
            ["Populations:Files:0:Year"] = "2022",
            ["Populations:Files:0:Vintage"] = Vintage,
        }).Build();

        var populations = PopulationEstimates.Load(configuration);

        Assert.Equal(new PopulationEstimate("E08000035", 2022, 822_483, Vintage), populations.Find("E08000035", 2022));
        Assert.Equal(829_400, populations.Find("E08000035", 2023)!.Population);
    }

    [Fact]
    public void Load_OperatorFileWithoutYear_IsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidDataException>(() => PopulationEstimates.Load([new PopulationFileOptions { Path = "mye.csv", Vintage = Vintage }]));

        Assert.Contains("Populations:Files:N:Year", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    public void BuiltIn_DemoYears_EveryDemoAreaHasAnEstimateAndEachForceIsTheSumOfItsDistricts(int year)
    {
        string[] westYorkshire = ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"];
        // West Mercia's five partnerships: three unitary districts and Worcestershire's two partnerships.
        string[] westMercia = ["E06000019", "E06000051", "E06000020", "csp-north-worcestershire", "csp-south-worcestershire"];
        string[] northWorcestershire = ["E07000234", "E07000236", "E07000239"];
        string[] southWorcestershire = ["E07000235", "E07000237", "E07000238"];
        var populations = PopulationEstimates.BuiltIn;
        long Of(string code) => populations.Find(code, year)?.Population ?? throw new Xunit.Sdk.XunitException($"no mid-{year} estimate for {code}");

        Assert.Equal(westYorkshire.Sum(Of), Of("E23000010"));
        Assert.Equal(westMercia.Sum(Of), Of("E23000016"));
        Assert.Equal(northWorcestershire.Sum(Of), Of("csp-north-worcestershire"));
        Assert.Equal(southWorcestershire.Sum(Of), Of("csp-south-worcestershire"));
        Assert.Equal(northWorcestershire.Concat(southWorcestershire).Sum(Of), Of("E10000034"));
        Assert.All(westYorkshire.Concat(westMercia).Concat(northWorcestershire).Concat(southWorcestershire), code => Assert.False(string.IsNullOrWhiteSpace(populations.Find(code, year)!.Vintage)));
    }

    [Fact]
    public void Catalogue_BuiltIn_DeclaresRatesPer1000FromSubmittedCounts()
    {
        var catalogue = MeasureCatalogue.Load();

        var rates = catalogue.All.Where(m => m.DerivedFrom is { IsPerPopulation: true }).Select(m => (m.Id, m.DerivedFrom!.Numerator)).Order().ToList();

        Assert.Contains(("crime.total_recorded.per_1000", "crime.total_recorded"), rates);
        Assert.Contains(("asb.incidents.per_1000", "asb.incidents"), rates);
        Assert.Contains(("safeguarding.da_incidents.per_1000", "safeguarding.da_incidents"), rates);
        Assert.All(rates, r => Assert.Equal(FigureKind.PerPopulation, catalogue.Get(r.Id).Kind));
    }

    [Theory]
    [InlineData("per_1000", "crime.total_recorded", 1000, "names both a \"denominator\" measure and \"perPopulation\"; a rate has one denominator")]
    [InlineData("ratio", null, 1000, "is per 1,000 population, so its unit must be \"per_1000\", not \"ratio\"")]
    [InlineData("per_1000", null, 100, "is per 100 population; only \"perPopulation\": 1000 is supported")]
    [InlineData("per_1000", null, null, "names neither a \"denominator\" measure nor \"perPopulation\"")]
    public void Catalogue_BadRateDeclaration_IsRefused(string unit, string? denominator, int? perPopulation, string problem)
    {
        var count = new MeasureDefinition("crime.total_recorded", "Crimes", "count", Polarity.LowerIsBetter, AggregationRule.Sum, [PeriodKind.Quarter], "crime-measures");
        var rate = count with { Id = "crime.rate", Unit = unit, Rule = AggregationRule.Ratio, DerivedFrom = new DerivedFrom("crime.total_recorded", denominator, perPopulation) };

        var error = Assert.Throws<InvalidDataException>(() => new MeasureCatalogue([count, rate]));

        Assert.Equal($"The derived measure 'crime.rate' {problem}.", error.Message);
    }
}
