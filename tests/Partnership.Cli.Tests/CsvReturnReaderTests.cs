using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

public class CsvReturnReaderTests
{
    private const string Header = "measure,area,period,value,numerator,denominator,status,note";
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly Period Q3 = Period.Parse("FY2020/21-Q3");

    private static CsvReadResult Read(string csv, Period? period = null) =>
        new CsvReturnReader(Catalogue).Read(new StringReader(csv), period);

    private static CsvProblem SingleProblem(CsvReadResult result)
    {
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Read_ValidReturn_ReadsEveryRowWithItsLine()
    {
        var result = Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,"1,234",,,provisional,checked
            crime.violence_with_injury_solved,{Areas.Bradford},FY2020/21-Q3,,120,300,,
            survey.feeling_safe,{Areas.Bradford},FY2020/21-Q3,86%,,,,
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var read = result.Return!;
        Assert.Equal(Areas.Bradford, read.AreaCode);
        Assert.Equal(Q3, read.Period);
        Assert.Equal([2, 3, 4], read.Observations.Select(o => o.Line));
        Assert.Equal(Figure.OfValue(1234), read.Observations[0].Figure);
        Assert.Equal(ObservationStatus.Provisional, read.Observations[0].Status);
        Assert.Equal("checked", read.Observations[0].Note);
        Assert.Equal(Figure.OfFraction(120, 300), read.Observations[1].Figure);
        Assert.Null(read.Observations[1].Status);
        Assert.Equal(Figure.OfValue(86), read.Observations[2].Figure);
    }

    [Fact]
    public void Read_ColumnsInAnyOrderAndCase_MatchesByName()
    {
        var result = Read($"""
            Note,DENOMINATOR,Value,Period,Numerator,Area,Measure
            "a note, with a comma",,17,FY2020/21-Q3,,{Areas.Bradford},crime.homicide
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var observation = Assert.Single(result.Return!.Observations);
        Assert.Equal("crime.homicide", observation.MeasureId);
        Assert.Equal(Figure.OfValue(17), observation.Figure);
        Assert.Equal("a note, with a comma", observation.Note);
    }

    [Fact]
    public void Read_QuotedNoteWithDoubledQuotesAndLineBreak_KeepsTextAndNextLineNumber()
    {
        var result = Read($"""
            {Header}
            crime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,,"said ""one""
            and confirmed"
            crime.bogus_line,{Areas.Bradford},FY2020/21-Q3,x,,,,
            """);

        var problem = SingleProblem(result);
        Assert.Equal(4, problem.Line);
        Assert.Equal("value", problem.Column);
    }

    [Fact]
    public void Read_TrendColumn_AcceptsWordsAndArrows()
    {
        var result = Read($"""
            measure,area,period,value,numerator,denominator,trend
            crime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,↑
            crime.neighbourhood,{Areas.Bradford},FY2020/21-Q3,1,,,Down
            crime.hate_crime,{Areas.Bradford},FY2020/21-Q3,1,,,↔
            crime.personal_robbery,{Areas.Bradford},FY2020/21-Q3,1,,,
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([Trend.Up, Trend.Down, Trend.Steady, Trend.None], result.Return!.Observations.Select(o => o.Trend));
    }

    [Theory]
    [InlineData("64 Q3 only,,", "value", "text in it")]
    [InlineData("June 2020 86%,,", "value", "text in it")]
    [InlineData("\"12,34\",,", "value", "thousands separator in the wrong place")]
    [InlineData(",\"1,2\",100", "numerator", "thousands separator in the wrong place")]
    [InlineData(",10,abc", "denominator", "text in it")]
    [InlineData(",10%,100", "numerator", "% sign")]
    [InlineData("5,1,2", "value", "not both")]
    [InlineData(",,", "value", "there is no figure")]
    [InlineData(",12,", "denominator", "a ratio needs both")]
    [InlineData(",,12", "numerator", "a ratio needs both")]
    public void Read_BadFigure_ReportsLineAndColumn(string figure, string column, string message)
    {
        var problem = SingleProblem(Read($"{Header}\ncrime.violence_with_injury_solved,{Areas.Bradford},FY2020/21-Q3,{figure},,\n"));

        Assert.Equal(2, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PercentSignOnCountMeasure_IsRejected()
    {
        var problem = SingleProblem(Read($"{Header}\ncrime.hate_crime,{Areas.Bradford},FY2020/21-Q3,45%,,,,\n"));

        Assert.Equal((2, "value"), (problem.Line, problem.Column));
        Assert.Contains("crime.hate_crime is a count", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PercentSignOnMeasureUnknownToCatalogue_IsLeftToTheService()
    {
        var result = Read($"{Header}\nsurvey.new_question,{Areas.Bradford},FY2020/21-Q3,45%,,,,\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Figure.OfValue(45), result.Return!.Observations[0].Figure);
    }

    [Theory]
    [InlineData($",{Areas.Bradford},FY2020/21-Q3,1,,,,", "measure", "measure id is empty")]
    [InlineData("crime.homicide,,FY2020/21-Q3,1,,,,", "area", "area code is empty")]
    [InlineData($"crime.homicide,{Areas.Bradford},,1,,,,", "period", "period is empty")]
    [InlineData($"crime.homicide,{Areas.Bradford},FY2020/21-Q5,1,,,,", "period", "names no quarter")]
    [InlineData($"crime.homicide,{Areas.Bradford},2020-12..2020-10,1,,,,", "period", "transposed")]
    [InlineData($"crime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,done,", "status", "'done' is not one of")]
    public void Read_BadRowField_ReportsLineAndColumn(string row, string column, string message)
    {
        var problem = SingleProblem(Read($"{Header}\ncrime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,,,,\n{row}\n"));

        Assert.Equal((3, column), (problem.Line, problem.Column));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadTrend_ReportsLineAndColumn()
    {
        var problem = SingleProblem(Read($"measure,area,period,value,numerator,denominator,trend\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,sideways\n"));

        Assert.Equal((2, "trend"), (problem.Line, problem.Column));
    }

    [Fact]
    public void Read_SeveralProblems_ListsEveryOneInLineOrder()
    {
        var result = Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,64 Q3 only,,,,
            crime.homicide,{Areas.Bradford},FY2020/21-Q3,3,,,,
            crime.violence_with_injury_solved,{Areas.Bradford},FY2020/21-Q3,,"12,34",x,,
            crime.neighbourhood,{Areas.Bradford},FY2020/21-Q9,"1,234",,,final,
            """);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(2, "value"), (4, "numerator"), (4, "denominator"), (5, "period")],
            result.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void Read_MixedAreas_RejectsEachDifferingRowNamingArea()
    {
        var result = Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,,,,
            crime.homicide,{Areas.Calderdale},FY2020/21-Q3,1,,,,
            crime.neighbourhood,{Areas.Bradford},FY2020/21-Q3,1,,,,
            crime.hate_crime,{Areas.Kirklees},FY2020/21-Q3,1,,,,
            """);

        Assert.False(result.Succeeded);
        Assert.Equal([(3, "area"), (5, "area")], result.Problems.Select(p => (p.Line, p.Column)));
        Assert.Contains($"'{Areas.Calderdale}' differs from '{Areas.Bradford}' on line 2", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsShareOnePeriodSpelledTwoWays_UsesThatPeriod()
    {
        var result = Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,,,,
            crime.homicide,{Areas.Bradford},2020-10..2020-12,1,,,,
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Q3, result.Return!.Period);
    }

    [Fact]
    public void Read_RowsForSeveralPeriodsWithoutOverride_AsksForPeriod()
    {
        var problem = SingleProblem(Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,,,,
            survey.feeling_safe,{Areas.Bradford},2020-01..2020-12,80,,,,
            """));

        Assert.Equal((3, "period"), (problem.Line, problem.Column));
        Assert.Contains("--period", problem.Message, StringComparison.Ordinal);
        Assert.Contains("FY2020/21-Q3 from line 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsForSeveralPeriodsWithOverride_KeepsEachRowsOwnPeriod()
    {
        var result = Read($"""
            {Header}
            crime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,,,,
            survey.feeling_safe,{Areas.Bradford},2020-01..2020-12,80,,,,
            """, Q3);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Q3, result.Return!.Period);
        Assert.Equal([Q3, Period.Parse("2020-01..2020-12")], result.Return.Observations.Select(o => o.Period));
    }

    [Fact]
    public void Read_SnapshotPeriod_IsRead()
    {
        var result = Read($"{Header}\ncrime.homicide,{Areas.Bradford},2020-12-31,1,,,,\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.True(result.Return!.Period.IsSnapshot);
    }

    [Fact]
    public void Read_HeaderWithUnknownDuplicateAndMissingColumns_ReportsEachOnLineOne()
    {
        var result = Read($"measure,area,valeu,area,numerator,denominator,status\ncrime.homicide,{Areas.Bradford},1,{Areas.Bradford},,,\n");

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(1, "valeu"), (1, "area"), (1, "period"), (1, "value")],
            result.Problems.Select(p => (p.Line, p.Column)));
        Assert.Contains("appears twice", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("is missing from the header", result.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithWrongFieldCount_ReportsLine()
    {
        var problem = SingleProblem(Read($"{Header}\ncrime.total_recorded,{Areas.Bradford},FY2020/21-Q3,1,234,,,,\n"));

        Assert.Equal(2, problem.Line);
        Assert.Null(problem.Column);
        Assert.Contains("has 9 fields but the header has 8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteErrorInRow_ReportsItsColumn()
    {
        var problem = SingleProblem(Read($"{Header}\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,,said \"hi\"\n"));

        Assert.Equal((2, "note"), (problem.Line, problem.Column));
    }

    [Fact]
    public void Read_TrailingEmptyColumnsAndBlankRows_AreIgnored()
    {
        var result = Read($"{Header},,\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,,,,\n,,,,,,,,,\n\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Single(result.Return!.Observations);
    }

    [Fact]
    public void Read_ValueUnderUnnamedColumn_IsRejected()
    {
        var problem = SingleProblem(Read($"{Header},\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,,,oops\n"));

        Assert.Equal(2, problem.Line);
        Assert.Contains("no name in the header", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMarkBeforeHeader_IsIgnored()
    {
        var result = Read($"\uFEFF{Header}\ncrime.homicide,{Areas.Bradford},FY2020/21-Q3,1,,,,\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Read_EmptyFile_SaysHeaderIsNeeded()
    {
        var problem = SingleProblem(Read(""));

        Assert.Equal(0, problem.Line);
        Assert.Contains("the file is empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_SaysThereAreNoRows()
    {
        var problem = SingleProblem(Read(Header + "\n"));

        Assert.Equal(1, problem.Line);
        Assert.Contains("no rows", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ProblemWithLineAndColumn_ReadsLikeCompilerMessage()
    {
        var problem = new CsvProblem(5, "numerator", "numerator 120 is greater than denominator 100");

        Assert.Equal("returns/bradford.csv:5: column 'numerator': numerator 120 is greater than denominator 100", problem.Format("returns/bradford.csv"));
        Assert.Equal("f.csv: the file is empty", new CsvProblem(0, null, "the file is empty").Format("f.csv"));
    }

    private static string DataRows(int count, int first = 0) =>
        string.Join("\n", Enumerable.Range(first, count).Select(i => $"crime.measure_{i},{Areas.Bradford},FY2020/21-Q3,{i},,,,"));

    [Fact]
    public void Read_ThirtyThousandRowsOfSeparatorsBetweenData_ReadsEveryDataRowAndWarnsOnceWithTheCount()
    {
        var empty = string.Join("\n", Enumerable.Repeat(",,,,,,,", 30_000));

        var result = Read($"{Header}\n{DataRows(5)}\n{empty}\n{DataRows(5, first: 5)}\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([2, 3, 4, 5, 6, 30_007, 30_008, 30_009, 30_010, 30_011], result.Return!.Observations.Select(o => o.Line));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(7, warning.Line);
        Assert.Equal("warning: 30,000 rows hold nothing but separators (the first on this line); skipped", warning.Message);
    }

    [Fact]
    public void Read_MoreRowsThanTheLimit_RefusedWholeNamingTheLimitAndItsLine()
    {
        var result = Read($"{Header}\n{DataRows(CsvRecordReader.MaxRecords)}\n");

        var problem = SingleProblem(result);
        Assert.Equal(CsvRecordReader.MaxRecords + 1, problem.Line);
        Assert.Contains("more than 25,000 rows", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineWithMoreFieldsThanTheLimit_OneProblemForTheLine()
    {
        var result = Read($"{Header}\n{DataRows(1)}\n{string.Join(",", Enumerable.Repeat("1", 158))}\n");

        var problem = SingleProblem(result);
        Assert.Equal(3, problem.Line);
        Assert.Contains("more than 100 fields", problem.Message, StringComparison.Ordinal);
    }
}
