using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Submissions;

namespace Partnership.VictimServices.Returns;

/// <summary>Reads the survey waves of one area (and provider) from the latest revision of each return.</summary>
public sealed class SurveyRateQuery(VictimServicesDbContext db, MeasureCatalogue catalogue)
{
    /// <exception cref="SurveyRateUnavailableException">The measure is not a rate of this service, or the waves do not tile the window.</exception>
    public async Task<SurveyRate> GetAsync(string measureId, string areaCode, Period window, string source, CancellationToken cancellationToken)
    {
        var service = Extensions.Identity.Name;
        if (!catalogue.TryGet(measureId, out var measure) || measure.Service != service || measure.Kind != FigureKind.Ratio)
        {
            throw new SurveyRateUnavailableException("measure_id", $"'{measureId}' is not a rate of the {service} service");
        }

        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.Service == service && r.AreaCode == areaCode)
            .Include(r => r.Observations.Where(o => o.MeasureId == measureId))
            .ToListAsync(cancellationToken);
        var waves = returns
            .Where(r => r.ReturnKey == ReturnKeys.For(service, areaCode, PeriodKeys.Parse(r.PeriodKey), source))
            .GroupBy(r => r.ReturnKey)
            .Select(g => g.MaxBy(r => r.Revision)!)
            .SelectMany(r => r.Observations
                .Where(o => o.Numerator is not null && o.Denominator is not null)
                .Select(o => new SurveyWave(PeriodKeys.Parse(o.PeriodKey), o.Numerator!.Value, o.Denominator!.Value, r.Revision)));

        return SurveyWaves.TryCombine(window, waves, out var rate, out var error)
            ? rate
            : throw new SurveyRateUnavailableException("period", error);
    }
}
