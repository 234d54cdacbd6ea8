namespace Partnership.Reporting.Disclosure;

/// <summary>Who an output is for. Public is the safe default: anything unspecified is public.</summary>
public enum Audience
{
    /// <summary>Anyone: restricted figures only after disclosure control, suppressed figures never.</summary>
    Public,

    /// <summary>A partner holding the reader role for restricted figures: true figures.</summary>
    Partner,
}
