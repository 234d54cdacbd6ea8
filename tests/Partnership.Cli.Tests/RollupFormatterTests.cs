using Partnership.Cli.Output;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Tests;

public class RollupFormatterTests
{
    internal static CountyRollup Rollup()
    {
        var rollup = new CountyRollup
        {
            ForceArea = new Proto.Area { Code = Areas.WestYorkshire, Name = "West Yorkshire", Type = Proto.AreaType.Force },
            Period = new Proto.Period { StartDate = "2020-10-01", EndDate = "2020-12-31", Kind = Proto.PeriodKind.Quarter, Label = "FY2020/21-Q3" },
        };
        var crimes = new MeasureRollup
        {
            Measure = new Proto.Measure { Id = "crime.total_recorded", Name = "Total recorded crime", Unit = "count", Rule = Proto.AggregationRule.Sum },
            CountyValue = 12345m,
            Source = CountySource.DistrictRollup,
            Provisional = true,
            Explanation = "Calderdale has not reported",
            DistrictSum = 12345m,
        };
        crimes.DistrictsIncluded.AddRange([Areas.Bradford, Areas.Kirklees, Areas.Leeds, Areas.Wakefield]);
        crimes.DistrictsMissing.Add(Areas.Calderdale);
        var solved = new MeasureRollup
        {
            Measure = new Proto.Measure { Id = "crime.violence_with_injury_solved", Name = "Violence with injury solved rate", Unit = "ratio", Rule = Proto.AggregationRule.Ratio },
            CountyValue = 1m / 3m,
            CountyFraction = new Proto.Fraction { Numerator = 100m, Denominator = 300m },
            Source = CountySource.DistrictRollup,
        };
        solved.DistrictsIncluded.AddRange([Areas.Bradford, Areas.Calderdale, Areas.Kirklees, Areas.Leeds, Areas.Wakefield]);
        var safe = new MeasureRollup
        {
            Measure = new Proto.Measure { Id = "survey.feeling_safe", Name = "Residents who feel safe", Unit = "percent", Rule = Proto.AggregationRule.CountyOnly },
            Source = CountySource.None,
            Explanation = "no county figure submitted, \"county only\"",
            DistrictSum = 86.25m,
        };
        safe.DistrictsMissing.AddRange([Areas.Bradford, Areas.Calderdale, Areas.Kirklees, Areas.Leeds, Areas.Wakefield]);
        rollup.Measures.AddRange([crimes, solved, safe]);
        return rollup;
    }

    [Fact]
    public void WriteTable_Rollup_ShowsFormattedFiguresCompletenessAndExplanation()
    {
        var output = new StringWriter();

        new RollupFormatter(Geography.Load()).WriteTable(Rollup(), output);

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"West Yorkshire ({Areas.WestYorkshire}), FY2020/21-Q3 (2020-10-01 to 2020-12-31)", lines[0]);
        var crimes = lines.Single(l => l.StartsWith("crime.total_recorded", StringComparison.Ordinal));
        Assert.Contains("12,345", crimes, StringComparison.Ordinal);
        Assert.Contains("4 of 5", crimes, StringComparison.Ordinal);
        Assert.Contains($"Calderdale ({Areas.Calderdale})", crimes, StringComparison.Ordinal);
        Assert.Contains("  (p)  ", crimes, StringComparison.Ordinal);
        // A district sum equal to the county value it produced adds nothing to the table.
        Assert.EndsWith("Calderdale has not reported", crimes, StringComparison.Ordinal);
        Assert.Contains("33.3%", lines.Single(l => l.StartsWith("crime.violence_with_injury_solved", StringComparison.Ordinal)), StringComparison.Ordinal);
        var safe = lines.Single(l => l.StartsWith("survey.feeling_safe", StringComparison.Ordinal));
        Assert.Contains("n/a", safe, StringComparison.Ordinal);
        Assert.Contains("district sum 86.3%", safe, StringComparison.Ordinal);
        Assert.Contains("all 5 districts", safe, StringComparison.Ordinal);
        Assert.Contains("3 measures, 1 provisional.", lines);
        Assert.Contains(StatusMarks.Legend, lines);
    }

    [Fact]
    public void WriteTable_Rollup_AlignsCountyValuesOnTheRight()
    {
        var output = new StringWriter();

        new RollupFormatter(Geography.Load()).WriteTable(Rollup(), output);

        var lines = output.ToString().Split('\n').Where(l => l.StartsWith("crime.", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines[0].IndexOf("12,345", StringComparison.Ordinal) + "12,345".Length, lines[1].IndexOf("33.3%", StringComparison.Ordinal) + "33.3%".Length);
    }

    [Fact]
    public void WriteTable_NarrowTerminal_FitsItsWidthWithRoundedFiguresInTheRollupsOrder()
    {
        var rollup = Rollup();
        // The widest cells a real rollup has: every district missing by name, a long explanation.
        rollup.Measures[0].DistrictsMissing.AddRange([Areas.Bradford, Areas.Kirklees, Areas.Leeds]);
        rollup.Measures[0].Explanation = "Calderdale, Kirklees and Leeds have not reported; the county figure is the sum of the districts that have, and is provisional until they do.";
        var output = new StringWriter();

        new RollupFormatter(Geography.Load()).WriteTable(rollup, output, width: 100);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 100, $"{line.Length} characters: {line}"));
        var text = string.Join("\n", lines);
        Assert.Contains("12,345", text, StringComparison.Ordinal);
        Assert.Contains("33.3%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0.333", text, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", text, StringComparison.Ordinal);
        // Measures keep the order the aggregator gives them in (the plan's).
        Assert.True(text.IndexOf("crime.t", StringComparison.Ordinal) < text.IndexOf("crime.v", StringComparison.Ordinal));
        Assert.True(text.IndexOf("crime.v", StringComparison.Ordinal) < text.IndexOf("survey.", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTable_NoWidth_OneLinePerMeasure()
    {
        var output = new StringWriter();

        new RollupFormatter(Geography.Load()).WriteTable(Rollup(), output);

        Assert.Equal(3, output.ToString().Split('\n').Count(l => l.StartsWith("crime.", StringComparison.Ordinal) || l.StartsWith("survey.", StringComparison.Ordinal)));
    }

    [Fact]
    public void WriteCsv_Rollup_WritesFullPrecisionRowPerMeasure()
    {
        var output = new StringWriter();

        RollupFormatter.WriteCsv(Rollup(), output);

        var records = CsvRecordReader.Read(new StringReader(output.ToString()));
        Assert.Equal(RollupFormatter.CsvColumns, records[0].Fields);
        Assert.Equal(4, records.Count);
        var crimes = Field(records, 1);
        Assert.Equal("crime.total_recorded", crimes("measure_id"));
        Assert.Equal("sum", crimes("rule"));
        Assert.Equal("12345", crimes("county_value"));
        Assert.Equal("district_rollup", crimes("source"));
        Assert.Equal($"{Areas.Bradford};{Areas.Kirklees};{Areas.Leeds};{Areas.Wakefield}", crimes("districts_included"));
        Assert.Equal(Areas.Calderdale, crimes("districts_missing"));
        Assert.Equal("true", crimes("provisional"));
        Assert.Equal("provisional", crimes("flags"));
        var solved = Field(records, 2);
        // One scale per unit: the rate is written as a percentage, its unit column says so.
        Assert.Equal("33.3333333", solved("county_value")); // 0.333333333 on the wire (9 dp), times 100
        Assert.Equal("percent", solved("unit"));
        Assert.Equal("100", solved("numerator"));
        Assert.Equal("300", solved("denominator"));
        var safe = Field(records, 3);
        Assert.Equal("", safe("county_value"));
        Assert.Equal("86.25", safe("district_sum"));
        Assert.Equal("county_only", safe("rule"));
        Assert.Equal("no county figure submitted, \"county only\"", safe("explanation"));
    }

    private static Func<string, string> Field(IReadOnlyList<CsvRecord> records, int row) =>
        column => records[row].Fields[records[0].Fields.ToList().IndexOf(column)];
}
