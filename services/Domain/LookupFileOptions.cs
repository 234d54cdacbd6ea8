namespace Partnership.Domain;

/// <summary>
/// A lookup file an operator adds by configuration, e.g. <c>Geography__LookupFiles__0__Path</c> and
/// <c>Geography__LookupFiles__0__EffectiveFrom=2024-04-01</c>.
/// </summary>
public sealed class LookupFileOptions
{
    public string Path { get; set; } = "";

    public DateOnly? EffectiveFrom { get; set; }
}
