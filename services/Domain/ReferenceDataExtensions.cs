using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Partnership.Domain;

public static class ReferenceDataExtensions
{
    /// <summary>
    /// The measure catalogue, geography, population estimates and return calendar, from the built-in data plus any files configured: lookup
    /// vintages under <c>Geography:LookupFiles</c>, and <c>Geography:File</c> in place of the curated file.
    /// </summary>
    public static IServiceCollection AddReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => MeasureCatalogue.Load(configuration.GetSection("Catalogue:ExtraFiles").Get<string[]>()));
        services.TryAddSingleton(_ => Geography.Load(NationalGeography.Load(configuration), configuration["Geography:File"]));
        services.TryAddSingleton(_ => PopulationEstimates.Load(configuration));
        services.TryAddSingleton(_ => ReturnCalendar.Load(configuration));
        return services;
    }
}
