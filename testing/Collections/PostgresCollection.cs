namespace Partnership.Testing;

/// <summary>
/// The tests that share one throwaway PostgreSQL server. xUnit finds collection definitions only in the
/// test assembly itself, so tests/Directory.Build.props compiles this file into every test project.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
