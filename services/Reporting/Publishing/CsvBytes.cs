using System.Text;

namespace Partnership.Reporting.Publishing;

/// <summary>CSV as sent: UTF-8 with a byte order mark, without which Excel on Windows reads "Ynys Môn" as "Ynys MÃ´n".</summary>
public static class CsvBytes
{
    private static readonly UTF8Encoding Utf8WithMark = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] WithByteOrderMark(string csv) => [.. Utf8WithMark.GetPreamble(), .. Utf8WithMark.GetBytes(csv)];
}
