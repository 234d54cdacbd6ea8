namespace Partnership.Contracts;

/// <summary>
/// The pub/sub component and topic names, defined once for publishers, subscribers and deploy/.
/// One topic per domain service so Dapr topic scoping can stop a service publishing elsewhere.
/// </summary>
public static class EventTopics
{
    public const string PubSubName = "partnership-pubsub";

    public const string CrimeMeasures = "crime-measures.quarterly-updates";
    public const string JusticeBoard = "justice-board.quarterly-updates";
    public const string VictimServices = "victim-services.quarterly-updates";
    public const string Safeguarding = "safeguarding.quarterly-updates";

    public const string DeadLetterSuffix = ".dead-letter";

    public static IReadOnlyList<string> All { get; } =
        [CrimeMeasures, JusticeBoard, VictimServices, Safeguarding];

    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;

    /// <summary>The QuarterlyUpdate contract version this build understands.</summary>
    public const int QuarterlyUpdateContractVersion = 1;
}
