using System.Text.Json;

namespace Partnership.Domain;

/// <summary>
/// The England and Wales bank holidays of the years the data covers. Outside those years nobody can
/// say which days are working days, so counting there is refused rather than guessed.
/// </summary>
public sealed class BankHolidays
{
    private readonly HashSet<DateOnly> _dates;

    public BankHolidays(DateOnly from, DateOnly to, IEnumerable<DateOnly> dates)
    {
        From = from;
        To = to;
        _dates = [.. dates];
        if (_dates.FirstOrDefault(d => d < from || d > to) is var outside && outside != default)
        {
            throw new InvalidDataException($"The bank holiday {outside:yyyy-MM-dd} lies outside the years the file says it covers ({from:yyyy-MM-dd} to {to:yyyy-MM-dd}).");
        }
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public bool Covers(DateOnly date) => date >= From && date <= To;

    public bool IsWorkingDay(DateOnly date) =>
        Covers(date)
            ? date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_dates.Contains(date)
            : throw new ArgumentOutOfRangeException(nameof(date), $"Bank holidays are known from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}, not for {date:yyyy-MM-dd}.");

    /// <summary>The <paramref name="count"/>th working day after <paramref name="date"/> (the day itself not counted); null past the known years.</summary>
    public DateOnly? WorkingDaysAfter(DateOnly date, int count)
    {
        var day = date;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (!Covers(day))
            {
                return null;
            }

            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; null past the known years.</summary>
    public int? WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (!Covers(from) || !Covers(to))
        {
            return null;
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    public static BankHolidays Load(string? file = null)
    {
        using var stream = file is null ? EmbeddedData.Open("bank-holidays.").Single() : File.OpenRead(file);
        var data = JsonSerializer.Deserialize<BankHolidayFile>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The bank holidays file is empty.");
        return new BankHolidays(data.From, data.To, data.Holidays.Select(h => h.Date));
    }

    private sealed record BankHolidayFile(DateOnly From, DateOnly To, IReadOnlyList<BankHoliday> Holidays);

    private sealed record BankHoliday(DateOnly Date, string Name);
}
