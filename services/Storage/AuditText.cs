using System.Globalization;

namespace Partnership.Storage;

/// <summary>How every audit table (the domain services' trail, the aggregator's read audit) stores text and dates.</summary>
public static class AuditText
{
    /// <summary>ISO dates compare as text on every provider, so a period query is a string range.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A caller's strings come from its token or request: kept as a bounded prefix, without the NUL
    /// PostgreSQL cannot store.
    /// </summary>
    public static string Bounded(string text, int max) =>
        (text.Length <= max ? text : text[..max]).Replace('\0', '\uFFFD');
}
