using System.Globalization;

namespace Partnership.Domain;

/// <summary>Reads back the stable key a <see cref="Period"/> is stored under.</summary>
public static class PeriodKeys
{
    public static Period Parse(string key)
    {
        var parts = key.Split("..");
        var start = DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (parts.Length == 1)
        {
            return Period.Snapshot(start);
        }

        return Period.Months(start, DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
