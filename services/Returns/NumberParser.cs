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
/// </summary>
public static partial class NumberParser
{
    public static bool TryParse(string text, out ParsedNumber number, out string error)
    {
        number = default;
        var trimmed = text.Trim();
        var match = NumberPattern().Match(trimmed);
        if (!match.Success)
        {
            error = Explain(trimmed);
            return false;
        }

        var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
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

    [GeneratedRegex(@"^(?<number>-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?:\s*(?<percent>%))?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^-?[0-9,]+(?:\.[0-9]+)?\s*%?$")]
    private static partial Regex MisplacedSeparatorPattern();

    [GeneratedRegex(@"[0-9]\s+[0-9]")]
    private static partial Regex DigitsApartPattern();
}
