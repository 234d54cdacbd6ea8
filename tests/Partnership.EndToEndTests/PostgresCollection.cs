using Partnership.Testing;

namespace Partnership.EndToEndTests;

/// <summary>The end-to-end tests that run the local host on one shared throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
