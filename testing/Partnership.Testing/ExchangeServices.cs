namespace Partnership.Testing;

/// <summary>The services an <see cref="ExchangeHost"/> composes.</summary>
[Flags]
public enum ExchangeServices
{
    CrimeMeasures = 1,
    VictimServices = 2,
    JusticeBoard = 4,
    Safeguarding = 8,
    Reporting = 16,
    All = CrimeMeasures | VictimServices | JusticeBoard | Safeguarding | Reporting,
}
