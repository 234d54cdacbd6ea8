namespace Partnership.Domain;

/// <summary>A population estimates file refused whole, with every problem found in it.</summary>
public sealed class PopulationFileException(string source, IReadOnlyList<LookupProblem> problems)
    : FormatException($"{source} is not a usable mid-year population estimates file: {string.Join("; ", problems.Take(MaxListed))}{(problems.Count > MaxListed ? $"; and {problems.Count - MaxListed} more" : "")}.")
{
    private const int MaxListed = 20;

    public IReadOnlyList<LookupProblem> Problems => problems;
}
