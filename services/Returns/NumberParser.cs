using System.Globalization;
using System.Text.RegularExpressions;

namespace Partnership.Returns;

/// <summary>A number read from a partner's file; <see cref="HasPercentSign"/> when it ended in %.</summary>
public readonly record struct ParsedNumber(decimal Value, bool HasPercentSign);

/// <summary>
/// Reads numbers the way the domain asks: only what is unambiguous. Accepted: surrounding
/// whitespace, a leading minus, thousands separators in their proper place ("1,234,567"), a decimal
/// point, a trailing %. Everything else is rejected with a reason, never repaired: "64 Q3 only" or
/// "12,34" could mean several things, and a wrong figure in a county report is worse than a
/// rejected file.
/// A semicolon-separated file comes from Excel where the decimal mark is a comma (Excel separates
/// fields with semicolons exactly there), so in one the marks swap: "12,5" is 12.5 and points group
/// thousands ("1.234,5"); a decimal point there is refused rather than guessed.
/// </summary>
public static partial class NumberParser
{
    /// <param name="decimalComma">The file is semicolon-separated: a comma is the decimal mark and a point groups thousands.</param>
    public static bool TryParse(string text, out ParsedNumber number, out string error, bool decimalComma = false)
    {
        number = default;
        var trimmed = text.Trim();
        var match = (decimalComma ? DecimalCommaPattern() : NumberPattern()).Match(trimmed);
        if (!match.Success)
        {
            error = decimalComma ? ExplainDecimalComma(trimmed) : Explain(trimmed);
            return false;
        }

        var digits = decimalComma
            ? match.Groups["number"].Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
            : match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{trimmed}' is too large to be a figure";
            return false;
        }

        number = new ParsedNumber(value, match.Groups["percent"].Success);
        error = "";
        return true;
    }

    private static string Explain(string text)
    {
        if (text.Any(char.IsLetter))
        {
            return $"'{text}' is not a number: it has text in it (put remarks in the note column)";
        }

        if (text.Contains(',', StringComparison.Ordinal) && MisplacedSeparatorPattern().IsMatch(text))
        {
            return $"'{text}' has a thousands separator in the wrong place (write 1,234 or 1234; use a point for decimals)";
        }

        if (text.StartsWith('+'))
        {
            return $"'{text}' has a plus sign; write the number alone";
        }

        if (DigitsApartPattern().IsMatch(text))
        {
            return $"'{text}' has a space inside the number; write one number per field";
        }

        return $"'{text}' is not a number";
    }

    private static string ExplainDecimalComma(string text) =>
        DecimalPointPattern().IsMatch(text)
            ? $"'{text}' has a decimal point, but in a semicolon-separated file the decimal mark is a comma (write 12,5) and a point groups thousands (1.234)"
            : text.Any(char.IsLetter) || text.StartsWith('+') || DigitsApartPattern().IsMatch(text)
                ? Explain(text)
                : $"'{text}' is not a number (in a semicolon-separated file write 1234,5 or 1.234,5)";

    [GeneratedRegex(@"^(?<number>-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?:\s*(?<percent>%))?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?<number>-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?)(?:\s*(?<percent>%))?$")]
    private static partial Regex DecimalCommaPattern();

    [GeneratedRegex(@"^-?[0-9]*\.[0-9]*\s*%?$")]
    private static partial Regex DecimalPointPattern();

    [GeneratedRegex(@"^-?[0-9,]+(?:\.[0-9]+)?\s*%?$")]
    private static partial Regex MisplacedSeparatorPattern();

    [GeneratedRegex(@"[0-9]\s+[0-9]")]
    private static partial Regex DigitsApartPattern();
}
