namespace Partnership.Domain;

/// <summary>
/// The marks beside a figure that is not final, in every output: a reader must see at once that
/// a figure may still change (provisional, unvalidated), was not counted (estimated), or differs from
/// what was published before (revised).
/// </summary>
public static class StatusMarks
{
    public const string Legend =
        "(p) provisional: a part is provisional or a district is missing. (e) estimated. (u) unvalidated: not yet checked by the partner. (r) revised since first published.";

    /// <summary>The order marks are written in, most consequential first.</summary>
    public static IReadOnlyList<ObservationStatus> Flagged { get; } =
        [ObservationStatus.Provisional, ObservationStatus.Estimated, ObservationStatus.Unvalidated, ObservationStatus.Revised];

    public static string Letter(ObservationStatus status) => status switch
    {
        ObservationStatus.Provisional => "p",
        ObservationStatus.Estimated => "e",
        ObservationStatus.Unvalidated => "u",
        ObservationStatus.Revised => "r",
        _ => "",
    };

    public static string Word(ObservationStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>" (p, e)" for a figure with those statuses among its parts; "" for a final one.</summary>
    public static string Suffix(IEnumerable<ObservationStatus> statuses)
    {
        var present = statuses.ToHashSet();
        var letters = Flagged.Where(present.Contains).Select(Letter).ToList();
        return letters.Count == 0 ? "" : $" ({string.Join(", ", letters)})";
    }

    /// <summary>"provisional;estimated" for machines.</summary>
    public static string Words(IEnumerable<ObservationStatus> statuses)
    {
        var present = statuses.ToHashSet();
        return string.Join(";", Flagged.Where(present.Contains).Select(Word));
    }
}
