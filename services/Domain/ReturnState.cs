namespace Partnership.Domain;

/// <summary>
/// Where an expected return stands against its due date (see docs/calendar.md). Dates are days in
/// England: a return sent at 23:30 on its due date in summer (22:30 UTC) is on time.
/// </summary>
public enum ReturnState
{
    /// <summary>Its first revision came in on or before the due date.</summary>
    Received,

    /// <summary>Its first revision came in after the due date; later revisions do not change that.</summary>
    ReceivedLate,

    /// <summary>Not in yet, and today is on or before the due date.</summary>
    Due,

    /// <summary>Not in, and the due date has passed.</summary>
    Overdue,

    /// <summary>Not in, and even the next period's return of the same length is past its due date: a whole cycle skipped.</summary>
    Missing,
}
