namespace Partnership.Submissions;

/// <summary>
/// Who a service is on the exchange: its name in return keys and events, its topic, the role a token
/// must hold to submit to it (<see cref="Partnership.Security.Roles"/>), and which areas are expected
/// to send it a return each period (for the status view).
/// </summary>
public sealed record ServiceIdentity(string Name, string Topic, string SubmitterRole, ExpectedReturns Expected = ExpectedReturns.ForceArea);
