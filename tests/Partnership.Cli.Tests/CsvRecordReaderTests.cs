using Partnership.Returns;

namespace Partnership.Cli.Tests;

public class CsvRecordReaderTests
{
    private static IReadOnlyList<CsvRecord> Read(string text) => CsvRecordReader.Read(new StringReader(text));

    [Fact]
    public void Read_QuotedFieldWithCommaAndDoubledQuotes_KeepsThemInOneField()
    {
        var records = Read("a,\"b, \"\"quoted\"\" c\",d\n");

        var record = Assert.Single(records);
        Assert.Equal(["a", "b, \"quoted\" c", "d"], record.Fields);
        Assert.Empty(record.Errors);
    }

    [Fact]
    public void Read_QuotedFieldOverSeveralLines_CountsLinesForLaterRecords()
    {
        var records = Read("h1,h2\r\n1,\"first\r\nsecond\"\r\n2,x\r\n");

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal("first\nsecond", records[1].Fields[1]);
    }

    [Fact]
    public void Read_BlankLinesAndNoFinalNewline_SkipsBlanksAndKeepsLastRecord()
    {
        var records = Read("a,b\n\n\n1,2");

        Assert.Equal([1, 4], records.Select(r => r.Line));
        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void Read_EmptyQuotedAndEmptyFields_KeepsFieldCount()
    {
        var record = Assert.Single(Read("\"\",,x,\n"));

        Assert.Equal(["", "", "x", ""], record.Fields);
    }

    [Fact]
    public void Read_WhitespaceAroundQuotedField_IsDropped()
    {
        var record = Assert.Single(Read("a,  \"b,c\"  ,d\n"));

        Assert.Equal(["a", "b,c", "d"], record.Fields);
        Assert.Empty(record.Errors);
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsLineWhereItOpens()
    {
        var records = Read("a,b\n1,\"never closed\n2,3\n");

        var error = Assert.Single(records[^1].Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(1, error.FieldIndex);
        Assert.Contains("never closes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_ReportsField()
    {
        var record = Assert.Single(Read("a,\"b\"c,d\n"));

        var error = Assert.Single(record.Errors);
        Assert.Equal(1, error.FieldIndex);
        Assert.Contains("after its closing quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_ReportsField()
    {
        var record = Assert.Single(Read("a,b\"c,d\n"));

        var error = Assert.Single(record.Errors);
        Assert.Equal(1, error.FieldIndex);
        Assert.Contains("inside an unquoted value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineWithThousandsOfFields_OneErrorForTheLine()
    {
        var record = Assert.Single(Read(string.Join(",", Enumerable.Repeat("1", 5_000)) + "\n"));

        var error = Assert.Single(record.Errors);
        Assert.Equal(CsvRecordReader.MaxFieldsPerRecord, error.FieldIndex);
    }

    [Fact]
    public void Read_RowsOfSeparatorsOnly_CountedNotKept()
    {
        var records = CsvRecordReader.Read(new StringReader("a,b\n,\n1,2\n , \n"));

        Assert.Equal([1, 3], records.Select(r => r.Line));
        Assert.Equal(2, records.EmptyRows);
        Assert.Equal(2, records.FirstEmptyRowLine);
        Assert.Null(records.LimitPassed);
    }
}
