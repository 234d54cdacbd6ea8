using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>Reads typed values out of a row's columns, recording a problem on the row's line and column for anything unreadable.</summary>
public static class CsvRowReading
{
    public static IReadOnlyDictionary<string, ObservationStatus> Statuses { get; } = new Dictionary<string, ObservationStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["final"] = ObservationStatus.Final,
        ["provisional"] = ObservationStatus.Provisional,
        ["estimated"] = ObservationStatus.Estimated,
        ["revised"] = ObservationStatus.Revised,
        ["unvalidated"] = ObservationStatus.Unvalidated,
    };

    public const string StatusChoices = "final, provisional, estimated, revised or unvalidated";

    public static ParsedNumber? Number(this CsvRow row, string column, string text)
    {
        if (NumberParser.TryParse(text, out var number, out var error, row.DecimalComma))
        {
            return number;
        }

        row.Problem(column, error);
        return null;
    }

    /// <summary>A required whole number (a count): thousands separators are fine, a % sign or a fraction is not.</summary>
    public static long? Count(this CsvRow row, string column)
    {
        if (row.Required(column, "is empty; give the count (0 when there were none)") is not { } text || row.Number(column, text) is not { } number)
        {
            return null;
        }

        if (number.HasPercentSign || number.Value != decimal.Truncate(number.Value) || number.Value is > long.MaxValue or < long.MinValue)
        {
            row.Problem(column, $"'{text}' is not a count; give a whole number");
            return null;
        }

        return (long)number.Value;
    }

    public static Period? Period(this CsvRow row, string column, string example)
    {
        if (row.Required(column, $"the period is empty (e.g. {example})") is not { } text)
        {
            return null;
        }

        if (UkDates.TryParsePeriod(text, out var period, out var error))
        {
            return period;
        }

        row.Problem(column, error);
        return null;
    }

    public static DateOnly? Date(this CsvRow row, string column)
    {
        if (row.Required(column, "the date is empty (e.g. 2024-09-30)") is not { } text)
        {
            return null;
        }

        if (UkDates.TryParseDate(text, out var date, out var error))
        {
            return date;
        }

        row.Problem(column, error);
        return null;
    }

    /// <summary>An optional choice from a fixed list: null when the column is empty or the text is not one of them.</summary>
    public static T? Choice<T>(this CsvRow row, string column, IReadOnlyDictionary<string, T> choices, string allowed)
        where T : struct
    {
        if (row.Get(column) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var choice))
        {
            return choice;
        }

        row.Problem(column, $"'{text}' is not one of {allowed}");
        return null;
    }
}
