namespace Partnership.Domain;

/// <summary>
/// One return's figure for a cell (an area, measure and window), as precedence sees it: which return
/// (its key; anything unique when the key is unknown) and when it was submitted.
/// </summary>
public readonly record struct FigureClaim(string ReturnKey, long SubmittedAtMs);
