namespace Partnership.Reporting.ReadModel;

/// <summary>Tells watchers (streaming report calls, caches) which area's figures changed.</summary>
public sealed class ReportChangeNotifier
{
    public event Action<string>? AreaChanged;

    public void Changed(string areaCode) => AreaChanged?.Invoke(areaCode);
}
