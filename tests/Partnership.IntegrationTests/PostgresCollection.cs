using Partnership.Testing;

namespace Partnership.IntegrationTests;

/// <summary>The tests that share one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
