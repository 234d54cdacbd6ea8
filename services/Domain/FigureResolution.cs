namespace Partnership.Domain;

/// <summary>Which of the returns claiming one cell make its figure, and which are conflicting claims left out.</summary>
public sealed record FigureResolution<T>(IReadOnlyList<T> Used, IReadOnlyList<T> NotUsed)
{
    public bool Conflicted => NotUsed.Count > 0;
}
