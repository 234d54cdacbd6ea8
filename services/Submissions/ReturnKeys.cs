using Partnership.Domain;

namespace Partnership.Submissions;

public static class ReturnKeys
{
    /// <summary>Identifies a return across its revisions.</summary>
    public static string For(string service, string areaCode, Period period, string source = "") =>
        new ReturnIdentity(service, areaCode, period, source).Key;
}
