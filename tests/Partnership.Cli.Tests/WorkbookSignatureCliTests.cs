using static Partnership.Cli.Tests.CliRun;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: an Excel workbook saved under a .csv name is named as one, in one message, and nothing is sent.</summary>
public sealed class WorkbookSignatureCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-workbook-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteBytes(byte[] head)
    {
        var path = Path.Combine(_directory, "return.csv");
        File.WriteAllBytes(path, [.. head, .. "measure,area\n"u8.ToArray(), 0x00, 0x01, 0xFF]);
        return path;
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("import-national")]
    public async Task Command_XlsxNamedCsv_NamesTheWorkbookInOneLineAndReturnsOne(string command)
    {
        var path = WriteBytes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);

        var exit = await CliApp.RunAsync([command, path], _out, _error, Offline());

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal($"{path}: this is an Excel workbook; save it as CSV UTF-8 or pass the .xlsx.{Environment.NewLine}", _error.ToString());
    }

    [Fact]
    public async Task Submit_OldXlsNamedCsv_NamesTheOldFormatInOneLineAndReturnsOne()
    {
        var path = WriteBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

        var exit = await CliApp.RunAsync(["submit", path], _out, _error, Offline());

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal($"{path}: this is an Excel 97-2003 workbook (.xls); save it as CSV UTF-8, or as an .xlsx workbook and pass that.{Environment.NewLine}", _error.ToString());
    }
}
