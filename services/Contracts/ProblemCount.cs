using Google.Rpc;

namespace Partnership.Contracts;

/// <summary>
/// How a rejection says it lists only some of its problems: gRPC sends error details in a trailer,
/// and clients refuse trailers over 64 KiB, so a long list is cut short and this detail carries the
/// count of them all. Written by the services and read by the CLI, so both live here.
/// </summary>
public static class ProblemCount
{
    public const string Reason = "PROBLEMS_NOT_ALL_LISTED";

    public const string Domain = "partnership.exchange";

    private const string TotalKey = "total";

    public static ErrorInfo Describe(int total) => new() { Reason = Reason, Domain = Domain, Metadata = { [TotalKey] = total.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>How many problems the rejection found in all, when it lists only some of them; null when it lists every one.</summary>
    public static int? TotalOf(Google.Rpc.Status? status) =>
        status?.GetDetail<ErrorInfo>() is { Reason: Reason } info
            && info.Metadata.TryGetValue(TotalKey, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
}
