using Partnership.Domain;

namespace Partnership.VictimServices.Returns;

/// <summary>One survey wave: how many responded and how many of them were satisfied.</summary>
public sealed record SurveyWave(Period Period, decimal Satisfied, decimal Respondents, int Revision);

/// <summary>A window's survey rate made from its waves.</summary>
public sealed record SurveyRate(Period Window, IReadOnlyList<SurveyWave> Waves)
{
    public decimal Satisfied => Waves.Sum(w => w.Satisfied);

    public decimal Respondents => Waves.Sum(w => w.Respondents);

    /// <summary>The sum of satisfied over the sum of respondents; none when nobody responded.</summary>
    public decimal? Rate => Respondents == 0 ? null : Satisfied / Respondents;
}

public static class SurveyWaves
{
    /// <summary>
    /// The rate over <paramref name="window"/>: a wave for the window itself when there is one,
    /// otherwise the waves inside it, which must tile it exactly. Waves of different sizes are
    /// weighted by their respondents, which averaging the waves' rates would not do.
    /// </summary>
    public static bool TryCombine(Period window, IEnumerable<SurveyWave> waves, out SurveyRate rate, out string error)
    {
        rate = new SurveyRate(window, []);
        var inside = waves.Where(w => !w.Period.IsSnapshot && window.Contains(w.Period)).OrderBy(w => w.Period.Start).ThenBy(w => w.Period.End).ToList();
        if (inside.FirstOrDefault(w => w.Period == window) is { } whole)
        {
            rate = new SurveyRate(window, [whole]);
            error = "";
            return true;
        }

        if (inside.Count == 0)
        {
            error = $"there is no survey wave in {window.Label}";
            return false;
        }

        var problems = new List<string>();
        var expectedStart = window.Start;
        for (var i = 0; i < inside.Count; i++)
        {
            var wave = inside[i];
            if (wave.Period.Start > expectedStart)
            {
                problems.Add($"no wave covers {expectedStart:yyyy-MM} to {wave.Period.Start.AddDays(-1):yyyy-MM}");
            }
            else if (wave.Period.Start < expectedStart)
            {
                problems.Add($"waves {inside[i - 1].Period.Label} and {wave.Period.Label} overlap, so respondents would be counted twice");
            }

            expectedStart = wave.Period.End.AddDays(1);
        }

        if (expectedStart <= window.End)
        {
            problems.Add($"no wave covers {expectedStart:yyyy-MM} to {window.End:yyyy-MM}");
        }

        if (problems.Count > 0)
        {
            error = $"the survey waves do not tile {window.Label}: {string.Join("; ", problems)}";
            return false;
        }

        rate = new SurveyRate(window, inside);
        error = "";
        return true;
    }
}
