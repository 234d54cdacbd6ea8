namespace Partnership.SystemTests;

/// <summary>
/// The trait every test class here carries, so the system lane runs on its own
/// (<c>dotnet test --filter Lane=System</c>) or is left out (<c>--filter Lane!=System</c>).
/// </summary>
public static class Lane
{
    public const string Key = "Lane";
    public const string System = "System";
}
