namespace Partnership.LocalHost;

/// <summary>One service's demo data, seeded through that service's own pipeline after the crime returns.</summary>
public interface IDemoSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}
