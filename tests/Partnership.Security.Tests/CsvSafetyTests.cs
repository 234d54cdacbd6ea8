using Partnership.Domain;
using Partnership.Returns;
using Partnership.Testing;

namespace Partnership.Security.Tests;

/// <summary>Exported CSV cannot run formulas; the CSV reader stays bounded whatever a file holds.</summary>
public sealed class CsvSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("-1,234", "\"-1,234\"")]
    [InlineData("-5.6%", "-5.6%")]
    [InlineData("-12", "-12")]
    [InlineData("Bradford", "Bradford")]
    public void Write_FormulaStart_NeutralisedButNumbersKept(string cell, string written)
    {
        Assert.Equal(written, CsvCell.Write(cell));
    }

    [Fact]
    public void CliCsvWriter_NoteStartingWithEquals_Neutralised()
    {
        using var output = new StringWriter();

        CsvWriter.WriteRow(output, ["crime.total_recorded", "=1+1"]);

        Assert.Equal("crime.total_recorded,'=1+1", output.ToString().TrimEnd());
    }

    [Fact]
    public void Read_HugeLine_OneBoundedErrorInsteadOfUnboundedMemory()
    {
        var huge = "measure,area\n" + new string('x', CsvRecordReader.MaxFieldLength * 50) + $",{Areas.Bradford}\n";

        var records = CsvRecordReader.Read(new StringReader(huge));

        var row = records[1];
        Assert.Equal(CsvRecordReader.MaxFieldLength, row.Fields[0].Length);
        Assert.Single(row.Errors);
    }

    [Fact]
    public void Read_ManyFields_Bounded()
    {
        var records = CsvRecordReader.Read(new StringReader(string.Join(",", Enumerable.Repeat("1", 10_000))));

        Assert.Equal(CsvRecordReader.MaxFieldsPerRecord, records[0].Fields.Count);
        Assert.NotEmpty(records[0].Errors);
    }

    [Fact]
    public void Read_RunawayQuote_StopsAtTheCharacterLimit()
    {
        using var reader = new EndlessReader('"');

        var records = CsvRecordReader.Read(reader);

        Assert.Contains("split it", records.LimitPassed?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryContent_ReportedNotCrashed()
    {
        var records = CsvRecordReader.Read(new StringReader($"measure,area\ncrime\0\0\0,{Areas.Bradford}\n"));

        Assert.Contains(records[1].Errors, e => e.Message.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Utf16WithByteOrderMark_ReadLikeUtf8()
    {
        var text = $"measure,area,period,value\ncrime.total_recorded,{Areas.Bradford},FY2025/26-Q1,12\n";
        using var utf16 = new MemoryStream([.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]);
        using var reader = new StreamReader(utf16, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        var records = CsvRecordReader.Read(reader);

        Assert.Equal(["crime.total_recorded", Areas.Bradford, "FY2025/26-Q1", "12"], records[1].Fields);
    }

    /// <summary>A file that never ends: an opening quote and then the same character for ever.</summary>
    private sealed class EndlessReader(char fill) : TextReader
    {
        private bool _started;

        public override int Peek() => fill;

        public override int Read()
        {
            if (!_started)
            {
                _started = true;
                return '"';
            }

            return fill == '"' ? 'a' : fill;
        }
    }
}
