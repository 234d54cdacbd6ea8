using System.Globalization;

namespace Partnership.Domain;

/// <summary>
/// One cell of a CSV file the exchange writes, safe to open in a spreadsheet. A partner's note or an
/// area name is text a stranger typed: a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return would run as a formula, so it gets a leading apostrophe. Numbers (a change of
/// <c>-5.6</c>) and a lone sign (a placeholder) are left alone: a spreadsheet never runs them.
/// </summary>
public static class CsvCell
{
    public static string Write(string field) => Quote(Neutralise(field));

    public static string Neutralise(string field) =>
        field.Length > 1 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(field) ? "'" + field : field;

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : field;

    // Plain numbers only: a sign, digits, a point and an optional trailing percent; no exponent, no text.
    private static bool IsNumber(string field)
    {
        var number = field.EndsWith('%') ? field[..^1] : field;
        return number.Length <= 40 && decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);
    }
}
