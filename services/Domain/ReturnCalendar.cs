using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Partnership.Domain;

/// <summary>One line of the calendar: a service's returns of one kind of period are due this many working days after it ends.</summary>
public sealed record ReturnDueRule(string Service, PeriodKind Period, int DueWorkingDays);

/// <summary>
/// When each expected return is due, and where it stands today. The rules and the bank holidays are
/// data (<c>return-calendar.json</c>, <c>bank-holidays.json</c>), so a deployment can set its own.
/// </summary>
public sealed class ReturnCalendar
{
    private static readonly TimeZoneInfo England = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly Dictionary<(string Service, PeriodKind Period), int> _rules = [];

    public ReturnCalendar(IEnumerable<ReturnDueRule> rules, BankHolidays holidays)
    {
        Holidays = holidays;
        foreach (var rule in rules)
        {
            if (rule.DueWorkingDays < 0)
            {
                throw new InvalidDataException($"The return calendar gives {rule.Service}'s {rule.Period} returns {rule.DueWorkingDays} working days; it must be zero or more.");
            }

            if (!_rules.TryAdd((rule.Service, rule.Period), rule.DueWorkingDays))
            {
                throw new InvalidDataException($"The return calendar has two rules for {rule.Service}'s {rule.Period} returns.");
            }
        }
    }

    public BankHolidays Holidays { get; }

    /// <summary>The day in England of an instant.</summary>
    public static DateOnly DayInEngland(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, England).DateTime);

    /// <summary>The last day a service's return of the period is on time; null when the calendar sets none or the bank holidays do not reach it.</summary>
    public DateOnly? DueDate(string service, Period period) =>
        _rules.TryGetValue((service, period.Kind), out var days) ? Holidays.WorkingDaysAfter(period.End, days) : null;

    /// <summary>
    /// Where a return stands at <paramref name="now"/>, given when its first revision was received (null
    /// when nothing has been); null when it has no due date.
    /// </summary>
    public ReturnTimeliness? Assess(string service, Period period, DateTimeOffset? firstReceived, DateTimeOffset now)
    {
        if (DueDate(service, period) is not { } due)
        {
            return null;
        }

        if (firstReceived is { } at)
        {
            var received = DayInEngland(at);
            return received <= due
                ? new ReturnTimeliness(ReturnState.Received, due, 0)
                : new ReturnTimeliness(ReturnState.ReceivedLate, due, Holidays.WorkingDaysBetween(due, received));
        }

        var today = DayInEngland(now);
        if (today <= due)
        {
            return new ReturnTimeliness(ReturnState.Due, due, 0);
        }

        var late = Holidays.WorkingDaysBetween(due, today);
        return DueDate(service, Next(period)) is { } nextDue && today > nextDue
            ? new ReturnTimeliness(ReturnState.Missing, due, late)
            : new ReturnTimeliness(ReturnState.Overdue, due, late);
    }

    /// <summary>
    /// The periods whose returns make up <paramref name="period"/>: a financial year is its four quarters
    /// (the cadence returns come in); any other period is itself.
    /// </summary>
    public static IReadOnlyList<Period> ExpectedPeriods(Period period) =>
        period.Kind == PeriodKind.FinancialYear
            ? [.. Enumerable.Range(1, 4).Select(q => Period.FinancialQuarter(period.Start.Year, q))]
            : [period];

    /// <summary>The period of the same length that follows (a snapshot: the same date a quarter later).</summary>
    public static Period Next(Period period)
    {
        if (period.IsSnapshot)
        {
            var date = period.End.AddMonths(3);
            var monthEnd = period.End.Day == DateTime.DaysInMonth(period.End.Year, period.End.Month);
            return Period.Snapshot(monthEnd ? new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)) : date);
        }

        var first = period.End.AddDays(1);
        return Period.Months(first, first.AddMonths(period.MonthCount - 1));
    }

    /// <summary>The built-in calendar and bank holidays, or the files configured under <c>Calendar:File</c> and <c>Calendar:BankHolidaysFile</c>.</summary>
    public static ReturnCalendar Load(IConfiguration? configuration = null) =>
        Load(configuration?["Calendar:File"], configuration?["Calendar:BankHolidaysFile"]);

    public static ReturnCalendar Load(string? file, string? bankHolidaysFile)
    {
        using var stream = file is null ? EmbeddedData.Open("return-calendar.").Single() : File.OpenRead(file);
        var rules = JsonSerializer.Deserialize<List<ReturnDueRule>>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The return calendar is empty.");
        return new ReturnCalendar(rules, BankHolidays.Load(bankHolidaysFile));
    }
}
