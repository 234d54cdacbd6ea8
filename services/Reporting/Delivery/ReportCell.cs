using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>How a window's figure was obtained.</summary>
public enum FigureMethod
{
    /// <summary>No figure: the cell's explanation says why.</summary>
    None,

    /// <summary>An observation for exactly the window.</summary>
    Exact,

    /// <summary>Shorter observations of a flow that tile the window exactly, added up.</summary>
    Tiled,

    /// <summary>A stock: the latest snapshot at or before the window's end, with its date.</summary>
    LatestSnapshot,
}

/// <summary>One submitted figure behind a report cell: which area, window, return and revision.</summary>
/// <param name="Used">False for a return whose claim on the figure conflicts with another's and lost: shown, never added.</param>
/// <param name="Conflict">Names the conflicting returns and their figures, on every source of a conflicted figure.</param>
public sealed record FigureSource(string AreaCode, Period Period, string ReturnId, int Revision, ObservationStatus Status, string ReturnKey = "", bool Used = true, string Conflict = "")
{
    /// <summary>Two figures' sources as one list, in order: a rate's are its numerator's and its denominator's.</summary>
    public static IReadOnlyList<FigureSource> Both(IReadOnlyList<FigureSource> first, IReadOnlyList<FigureSource> second) =>
        All([first, second], sources => sources);

    /// <summary>The sources of several figures as one list, in order.</summary>
    public static List<FigureSource> All<T>(IReadOnlyList<T> figures, Func<T, IReadOnlyList<FigureSource>> sourcesOf)
    {
        // Sized at once, and AddRange copies each list without enumerating it (a spread or SelectMany over an
        // IReadOnlyList boxes an enumerator per list): every cell of a report has its sources gathered.
        var count = 0;
        for (var i = 0; i < figures.Count; i++)
        {
            count += sourcesOf(figures[i]).Count;
        }

        var all = new List<FigureSource>(count);
        for (var i = 0; i < figures.Count; i++)
        {
            all.AddRange(sourcesOf(figures[i]));
        }

        return all;
    }

    /// <summary>The conflicts among these sources, each said once: a cell's provenance notes.</summary>
    public static IReadOnlyList<string> Conflicts(IReadOnlyList<FigureSource> sources)
    {
        // Every cell asks, and nearly every cell has none: a loop, and nothing allocated when there are none.
        List<string>? conflicts = null;
        for (var i = 0; i < sources.Count; i++)
        {
            var conflict = sources[i].Conflict;
            if (conflict.Length == 0)
            {
                continue;
            }

            conflicts ??= [];
            if (!conflicts.Contains(conflict))
            {
                conflicts.Add(conflict);
            }
        }

        return conflicts ?? (IReadOnlyList<string>)[];
    }
}

/// <summary>
/// One area's figure for one window, with everything a reader needs to trust it: how it was built,
/// from which returns and revisions, which districts are in it, and why it is empty when it is.
/// </summary>
public sealed record ReportCell(
    Period Window,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    FigureMethod Method,
    DateOnly? AsOf,
    bool Provisional,
    Confidentiality Confidentiality,
    IReadOnlyList<FigureSource> Sources,
    string Explanation,
    CountySource Source = CountySource.None,
    IReadOnlyList<string>? DistrictsIncluded = null,
    IReadOnlyList<string>? DistrictsMissing = null,
    decimal? DistrictSum = null,
    decimal? SubmittedCountyValue = null,
    bool Withheld = false)
{
    public bool HasValue => Value is not null;

    public IReadOnlyList<string> Included => DistrictsIncluded ?? [];

    public IReadOnlyList<string> Missing => DistrictsMissing ?? [];

    /// <summary>For a rate per 1,000 population, the mid-year estimate it divides by, with its vintage: part of its provenance.</summary>
    public PopulationEstimate? Population { get; init; }

    public static ReportCell Empty(Period window, string why) =>
        new(window, null, null, null, FigureMethod.None, null, true, Confidentiality.Free, [], why);
}
