namespace Partnership.Domain;

/// <summary>A lookup file refused whole, with every problem found in it.</summary>
public sealed class LookupFileException(string source, IReadOnlyList<LookupProblem> problems)
    : FormatException($"{source} is not a usable district to partnership to force lookup: {string.Join("; ", problems.Take(MaxListed))}{(problems.Count > MaxListed ? $"; and {problems.Count - MaxListed} more" : "")}.")
{
    private const int MaxListed = 20;

    public IReadOnlyList<LookupProblem> Problems => problems;
}
