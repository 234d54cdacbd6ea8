namespace Partnership.Domain;

/// <summary>
/// Which return a figure came from, as its key spells it: "service|area|period key", plus "|source"
/// when several partners of a service report for one area (a provider, a court). The key is the one
/// identity of a return the domain services and the aggregator share, so it is made and read here.
/// </summary>
public sealed record ReturnIdentity(string Service, string AreaCode, Period Period, string Source = "")
{
    public string Key => Source.Length == 0 ? $"{Service}|{AreaCode}|{Period.Key}" : $"{Service}|{AreaCode}|{Period.Key}|{Source}";

    /// <summary>The partner behind the return, whatever its window: one CSP's, one provider's or one court's returns of an area.</summary>
    public string Reporter => $"{Service}|{AreaCode}|{Source}";

    public static bool TryParse(string key, out ReturnIdentity identity)
    {
        identity = null!;
        var parts = key.Split('|', 4);
        if (parts.Length < 3)
        {
            return false;
        }

        try
        {
            identity = new ReturnIdentity(parts[0], parts[1], PeriodKeys.Parse(parts[2]), parts.Length == 4 ? parts[3] : "");
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
