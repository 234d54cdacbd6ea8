namespace Partnership.Submissions;

[Flags]
public enum ExpectedReturns
{
    None = 0,
    Districts = 1,
    ForceArea = 2,
}
