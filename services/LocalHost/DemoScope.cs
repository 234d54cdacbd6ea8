namespace Partnership.LocalHost;

/// <summary>
/// Which forces the local run seeds with demo crime returns (<c>Demo:Scope</c>): West Yorkshire alone,
/// the default that keeps the first run quick, or every force area in the geography.
/// </summary>
public enum DemoScope
{
    WestYorkshire,
    National,
}
