namespace Partnership.Returns;

/// <summary>
/// Recognises an Excel workbook by its first bytes, whatever the file is called: a workbook saved
/// under a .csv name would otherwise read as a page of garbled "missing column" errors.
/// </summary>
public static class WorkbookSignature
{
    // An .xlsx is a ZIP package; an .xls (Excel 97-2003) is an OLE compound file.
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>What the file is instead of CSV, as one sentence; null for anything else, including a file that cannot be read (left to the reader to report).</summary>
    public static string? Describe(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Describe(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What the stream holds instead of CSV, read from its first bytes (the stream is left past them).</summary>
    public static string? Describe(Stream stream)
    {
        var head = new byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Describe(head.AsSpan(0, read));
    }

    public static string? Describe(ReadOnlySpan<byte> head) =>
        head.StartsWith(Zip) ? "this is an Excel workbook; save it as CSV UTF-8 or pass the .xlsx"
        : head.StartsWith(Ole) ? "this is an Excel 97-2003 workbook (.xls); save it as CSV UTF-8, or as an .xlsx workbook and pass that"
        : null;
}
