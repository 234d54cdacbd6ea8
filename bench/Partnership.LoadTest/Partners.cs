using Partnership.Domain;
using Partnership.Security;
using Partnership.Testing;

namespace Partnership.LoadTest;

/// <summary>A simulated partner: one agency submitting one service's returns for its own district, with its own token.</summary>
public sealed record Partner(string Service, string Force, string District, string Agency, string Token, IReadOnlyList<string> Measures);

public static class Partners
{
    public const string CrimeMeasures = "crime-measures";
    public const string Safeguarding = "safeguarding";

    // Additive measures of two services, so the county figure must be exactly the sum of the latest revisions.
    private static readonly Dictionary<string, (string Role, string[] Measures)> Services = new()
    {
        [CrimeMeasures] = (Roles.CspSubmitter, ["crime.total_recorded", "asb.incidents"]),
        [Safeguarding] = (Roles.SafeguardingSubmitter, ["safeguarding.da_incidents", "safeguarding.marac_referrals"]),
    };

    public static IReadOnlyList<string> MeasuresOf(string service) => Services[service].Measures;

    /// <summary>Every district of every force in the built-in geography, once per service.</summary>
    public static IReadOnlyList<Partner> All(Geography geography, DateOnly date) =>
    [
        .. from force in geography.Areas.Where(a => a.Type == AreaType.Force).OrderBy(a => a.Code, StringComparer.Ordinal)
           from district in geography.DistrictsOf(force.Code, date)
           from service in Services
           let agency = $"{district.Name} {service.Key}"
           select new Partner(service.Key, force.Code, district.Code, agency,
               TestTokens.For(agency, [district.Code], [service.Value.Role], TimeSpan.FromHours(6)), service.Value.Measures),
    ];
}
