namespace Partnership.Domain.Tests;

/// <summary>The ONS lookup layout, read from files as an analyst downloads them (partnership codes here are made up).</summary>
public sealed class OnsLookupReaderTests : IDisposable
{
    private static readonly DateOnly From = new(2021, 4, 1);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ons-lookup-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void ReadFile_Lad21Headers_ReadsEveryRowWhateverTheColumnOrderAndExtraColumns()
    {
        var path = Write("LAD21_CSP21_PFA21_EW_LU.csv", """
            FID,PFA21CD,PFA21NM,LAD21CD,LAD21NM,CSP21CD,CSP21NM
            1,E23000016,West Mercia,E07000234,Bromsgrove,E22000900,North Worcestershire
            2,E23000016,West Mercia,E07000236,Redditch,E22000900,North Worcestershire
            3,E23000034,"London, City of",E09000001,City of London,E22000901,City of London
            """);

        var vintage = OnsLookupReader.ReadFile(path, From);

        Assert.Equal(From, vintage.EffectiveFrom);
        Assert.Equal(path, vintage.Source);
        Assert.Equal(
            [
                new LookupRow(2, "E07000234", "Bromsgrove", "E22000900", "North Worcestershire", "E23000016", "West Mercia"),
                new LookupRow(3, "E07000236", "Redditch", "E22000900", "North Worcestershire", "E23000016", "West Mercia"),
                new LookupRow(4, "E09000001", "City of London", "E22000901", "City of London", "E23000034", "London, City of"),
            ],
            vintage.Rows);
    }

    [Fact]
    public void ReadFile_MissingColumn_IsRefusedNamingIt()
    {
        var path = Write("no-force-code.csv", """
            LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21NM
            E07000234,Bromsgrove,E22000900,North Worcestershire,West Mercia
            """);

        var error = Assert.Throws<LookupFileException>(() => OnsLookupReader.ReadFile(path, From));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(new LookupProblem(1, "PFAyyCD", "no column PFAyyCD (e.g. PFA23CD); the header is: LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21NM"), problem);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_BadCodesAndShortRow_AreRefusedNamingEachLineAndField()
    {
        var path = Write("bad-codes.csv", """
            LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM
            E07000234,Bromsgrove,E22000900,North Worcestershire,E23000016,West Mercia
            E10000034,Worcestershire,E22000900,North Worcestershire,E11000006,West Mercia
            E07000236,Redditch,,North Worcestershire,E23000016,West Mercia
            E07000239,Wyre Forest,E22000900
            """);

        var error = Assert.Throws<LookupFileException>(() => OnsLookupReader.ReadFile(path, From));

        Assert.Equal(
            [
                new LookupProblem(3, "LAD21CD", "'E10000034' is not a district code (E06, E07, E08, E09 or W06 and six digits)"),
                new LookupProblem(3, "PFA21CD", "'E11000006' is not a police force area code (E23 or W15 and six digits)"),
                new LookupProblem(4, "CSP21CD", "is empty; it should hold a community safety partnership code (E22 or W22 and six digits)"),
                new LookupProblem(5, "CSP21NM", "is missing: the row has 3 fields, the header 6"),
                new LookupProblem(5, "PFA21CD", "is missing: the row has 3 fields, the header 6"),
                new LookupProblem(5, "PFA21NM", "is missing: the row has 3 fields, the header 6"),
            ],
            error.Problems);
    }

    [Fact]
    public void ReadFile_DistrictTwiceOrPartnershipInTwoForces_IsRefused()
    {
        var path = Write("inconsistent.csv", """
            LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM
            E07000234,Bromsgrove,E22000900,North Worcestershire,E23000016,West Mercia
            E07000234,Bromsgrove,E22000900,North Worcestershire,E23000016,West Mercia
            E07000236,Redditch,E22000900,North Worcestershire,E23000017,Warwickshire
            """);

        var error = Assert.Throws<LookupFileException>(() => OnsLookupReader.ReadFile(path, From));

        Assert.Equal(
            [
                new LookupProblem(3, "LAD21CD", "'E07000234' is on line 2 too; a district is in one partnership"),
                new LookupProblem(4, "PFA21CD", "puts partnership 'E22000900' in E23000017, but line 2 puts it in E23000016; a partnership is in one force"),
            ],
            error.Problems);
    }

    [Fact]
    public void ReadFile_StrayQuote_IsRefusedNamingTheLine()
    {
        var path = Write("stray-quote.csv", """
            LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM
            E07000234,Brom"sgrove,E22000900,North Worcestershire,E23000016,West Mercia
            """);

        var error = Assert.Throws<LookupFileException>(() => OnsLookupReader.ReadFile(path, From));

        Assert.Equal([new LookupProblem(2, "row", "has a stray quote: E07000234,Brom\"sgrove,E22000900,North Worcestershire,E23000016,West Mercia")], error.Problems);
    }

    [Fact]
    public void Read_UnknownPartnershipCodesAllowed_KnowsThePartnershipByName()
    {
        using var reader = new StringReader("""
            LAD23CD,LAD23NM,CSP23CD,CSP23NM,PFA23CD,PFA23NM
            E07000236,Redditch,,North Worcestershire,E23000016,West Mercia
            """);

        var row = Assert.Single(OnsLookupReader.Read(reader, "test", From, partnershipCodesRequired: false).Rows);

        Assert.Null(row.PartnershipCode);
        Assert.Equal("North Worcestershire", row.PartnershipKey);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
