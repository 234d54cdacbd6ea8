namespace Partnership.Submissions;

public sealed record AcceptedReturn(Guid ReturnId, string ReturnKey, int Revision, int ObservationCount);
