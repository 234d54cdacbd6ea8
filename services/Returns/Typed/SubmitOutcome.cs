namespace Partnership.Returns.Typed;

/// <summary>What the service says it stored for a return sent to it.</summary>
/// <param name="Source">Which of several returns of one area and period it is (e.g. one court's backlog), when the service says.</param>
public sealed record SubmitOutcome(string ReturnId, int Revision, int ObservationsAccepted, string Source = "");
