using Partnership.Domain;

namespace Partnership.Submissions.Status;

/// <summary>
/// A figure a partner submitted for exactly a window that differs from what the same partner's figures
/// for shorter windows inside it add up to. Not an error (a 12-month count may have been revised, or
/// counted differently); the report uses the submitted figure, and the submitter should know.
/// </summary>
public sealed record WindowDifference(string Service, string AreaCode, string Source, string MeasureId, Period Window, decimal Submitted, decimal Tiled, IReadOnlyList<Period> TiledFrom);
