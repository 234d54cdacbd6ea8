using System.Globalization;

namespace Partnership.Domain.Tests;

/// <summary>Due dates worked out by hand on a calendar, over weekends and England and Wales bank holidays.</summary>
public class ReturnCalendarTests
{
    private static readonly ReturnCalendar Calendar = ReturnCalendar.Load();

    private static Period P(string text) => Period.TryParse(text, out var period, out var error) ? period : throw new ArgumentException(error);

    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    // Ends Sunday 31 Mar 2024; Easter Monday 1 Apr is not a working day: 2 Apr is the first, 22 Apr the fifteenth.
    [InlineData("crime-measures", "FY2023/24-Q4", "2024-04-22")]
    // Twenty working days from the same quarter end: the five after 22 Apr.
    [InlineData("safeguarding", "FY2023/24-Q4", "2024-04-29")]
    // Ends Monday 31 Mar 2025; Good Friday 18 and Easter Monday 21 Apr fall inside the count.
    [InlineData("crime-measures", "FY2024/25-Q4", "2025-04-23")]
    // Ends Tuesday 31 Dec 2024; New Year's Day is skipped.
    [InlineData("crime-measures", "FY2024/25-Q3", "2025-01-22")]
    [InlineData("crime-measures", "FY2024/25-Q2", "2024-10-21")]
    [InlineData("victim-services", "FY2024/25-Q1", "2024-07-19")]
    // May 2022: the moved spring bank holiday (Thu 2 Jun) and the jubilee (Fri 3 Jun) are skipped.
    [InlineData("crime-measures", "2022-05", "2022-06-16")]
    // The coronation (Mon 8 May 2023) and the early May bank holiday (Mon 1 May 2023).
    [InlineData("justice-board", "2023-04-28", "2023-05-16")]
    public void DueDate_WorkingDaysAfterThePeriodEnds_SkipsWeekendsAndBankHolidays(string service, string period, string due)
    {
        Assert.Equal(D(due), Calendar.DueDate(service, P(period)));
    }

    [Fact]
    public void DueDate_KindTheServiceHasNoRuleFor_IsNone()
    {
        Assert.Null(Calendar.DueDate("victim-services", P("FY2024/25")));
    }

    [Fact]
    public void DueDate_PastTheBankHolidaysKnown_IsNoneRatherThanAGuess()
    {
        Assert.Null(Calendar.DueDate("crime-measures", P("FY2027/28-Q3")));
    }

    [Theory]
    // 23:30 on the due date in England (BST) is still on time.
    [InlineData("2024-04-22T22:30:00Z", ReturnState.Received, 0)]
    // 00:30 the next day in England, though still the 22nd in UTC.
    [InlineData("2024-04-22T23:30:00Z", ReturnState.ReceivedLate, 1)]
    [InlineData("2024-04-29T09:00:00Z", ReturnState.ReceivedLate, 5)]
    public void Assess_Received_OnTimeOrLateByWorkingDays(string receivedAt, ReturnState state, int late)
    {
        var timeliness = Calendar.Assess("crime-measures", P("FY2023/24-Q4"), At(receivedAt), At("2024-08-01T00:00:00Z"));

        Assert.Equal(new ReturnTimeliness(state, D("2024-04-22"), late), timeliness);
    }

    [Theory]
    [InlineData("2024-04-01T12:00:00Z", ReturnState.Due, 0)]
    [InlineData("2024-04-22T22:59:00Z", ReturnState.Due, 0)]
    // 23, 24, 25, 26, 29, 30 Apr and 1 May.
    [InlineData("2024-05-01T12:00:00Z", ReturnState.Overdue, 7)]
    // The next quarter's return is due 19 Jul 2024: until that passes, this one is overdue (6 working days in April, 21 in May, 20 in June, 15 in July).
    [InlineData("2024-07-19T12:00:00Z", ReturnState.Overdue, 62)]
    [InlineData("2024-07-22T08:00:00Z", ReturnState.Missing, 63)]
    public void Assess_NotReceived_DueThenOverdueThenMissing(string now, ReturnState state, int late)
    {
        var timeliness = Calendar.Assess("crime-measures", P("FY2023/24-Q4"), null, At(now));

        Assert.Equal(new ReturnTimeliness(state, D("2024-04-22"), late), timeliness);
    }

    [Fact]
    public void BankHolidays_EveryYearFrom2019To2027_HasItsEightAtLeast()
    {
        var holidays = BankHolidays.Load();
        for (var year = 2019; year <= 2027; year++)
        {
            var days = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(d => new DateOnly(year, 1, 1).AddDays(d));
            var count = days.Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.IsWorkingDay(d));
            Assert.True(count >= 8, $"{year} has {count} bank holidays");
        }
    }
}
