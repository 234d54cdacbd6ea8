namespace Partnership.Domain;

/// <summary>One problem with a lookup file, at a line (1 is the header) and a column named as the file names it.</summary>
public sealed record LookupProblem(int Line, string Field, string Description)
{
    public override string ToString() => $"line {Line}, {Field}: {Description}";
}
