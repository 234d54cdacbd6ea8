namespace Partnership.Domain;

/// <summary>
/// One expected return's state, its due date, and how many working days late it was received or
/// is now (zero when on time or not yet due; null when the bank holidays do not reach that far).
/// </summary>
public sealed record ReturnTimeliness(ReturnState State, DateOnly DueDate, int? WorkingDaysLate)
{
    public bool IsReceived => State is ReturnState.Received or ReturnState.ReceivedLate;

    public bool IsChased => State is ReturnState.Overdue or ReturnState.Missing;
}
