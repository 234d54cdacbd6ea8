using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Partnership.Domain;

namespace Partnership.Reporting.Comparisons;

/// <summary>One row of a national figures file, checked.</summary>
public sealed record NationalFigureRow(string AreaCode, string MeasureId, Period Window, decimal Value, string Publication, DateOnly PublishedOn);

/// <summary>A national figures file refused whole; every problem is named by line and column.</summary>
public sealed class NationalFiguresRejectedException(IReadOnlyList<FieldViolation> violations)
    : RequestRejectedException(violations, Describe(violations), Describe(violations))
{
    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        $"The national figures file was not imported (nothing of it was stored): {string.Join("; ", violations.Take(20).Select(v => $"{v.Field}: {v.Description}"))}{(violations.Count > 20 ? $"; and {violations.Count - 20} more" : "")}.";
}

/// <summary>
/// Reads the national figures layout (docs/national-figures.md): every row is checked and every
/// problem listed, naming its line (1 is the header) and column; one bad row refuses the whole file.
/// </summary>
public static class NationalFiguresCsv
{
    public const string PerThousandSuffix = ".per_1000";

    public const int MaxRows = 100_000;

    public static IReadOnlyList<string> Columns => NationalFiguresLayout.Columns;

    public static IReadOnlyList<NationalFigureRow> Read(TextReader reader, MeasureCatalogue catalogue, PoliceForces forces)
    {
        var violations = new List<FieldViolation>();
        void Problem(long line, string column, string description) => violations.Add(new FieldViolation($"line {line}.{column}", description));

        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = args => Problem(args.Context.Parser?.RawRow ?? 0, "row", "has a stray quote"),
        });
        if (!csv.Read())
        {
            throw new NationalFiguresRejectedException([new FieldViolation("line 1.header", "the file is empty; its first line must be: " + string.Join(",", Columns))]);
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new NationalFiguresRejectedException([new FieldViolation("line 1.header", $"missing column(s) {string.Join(", ", missing)}; the first line must be: {string.Join(",", Columns)}")]);
        }

        var rows = new List<NationalFigureRow>();
        var seen = new Dictionary<(string, string, string, Period), long>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (rows.Count + violations.Count >= MaxRows)
            {
                Problem(line, "row", $"a file holds at most {MaxRows} rows; split it");
                break;
            }

            var count = violations.Count;
            // A retired code (West Yorkshire's county code) is read as the force area it names now.
            var area = Geography.Canonical(csv.GetField("area_code") ?? "");
            if (area != PoliceForces.EnglandAndWales && !forces.Contains(area))
            {
                Problem(line, "area_code", $"'{area}' is not a police force area code (E23/W15) of a force in England and Wales, nor {PoliceForces.EnglandAndWales} (England and Wales)");
            }

            var measure = csv.GetField("measure_id") ?? "";
            if (MeasureProblem(measure, catalogue) is { } measureProblem)
            {
                Problem(line, "measure_id", measureProblem);
            }

            var start = Date(csv.GetField("period_start"), line, "period_start", Problem);
            var end = Date(csv.GetField("period_end"), line, "period_end", Problem);
            Period window = default;
            if (start is { } s && end is { } e)
            {
                if (s == e)
                {
                    Problem(line, "period_end", "a published table's window covers whole months, not one day");
                }
                else if (!Period.TryFromDates(s, e, false, out window, out var windowError))
                {
                    Problem(line, "period_end", windowError);
                }
            }

            var valueText = csv.GetField("value") ?? "";
            if (!decimal.TryParse(valueText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
            {
                Problem(line, "value", $"'{valueText}' is not a number of zero or more (digits, an optional point; no signs, units or text)");
            }

            var publication = csv.GetField("publication") ?? "";
            if (publication.Length is 0 or > NationalFigure.MaxText)
            {
                Problem(line, "publication", $"name the publication the figure is from, in 1 to {NationalFigure.MaxText} characters");
            }

            var published = Date(csv.GetField("published_on"), line, "published_on", Problem);
            if (published is { } p && end is { } last && p <= last)
            {
                Problem(line, "published_on", $"{p:yyyy-MM-dd} is not after the window's end ({last:yyyy-MM-dd}); a table is published after its window");
            }

            if (violations.Count > count)
            {
                continue;
            }

            var key = (publication, area, measure, window);
            if (seen.TryGetValue(key, out var earlier))
            {
                Problem(line, "row", $"repeats line {earlier}: the same publication, area, measure and window twice");
                continue;
            }

            seen[key] = line;
            rows.Add(new NationalFigureRow(area, measure, window, value, publication, published!.Value));
        }

        if (rows.Count == 0 && violations.Count == 0)
        {
            Problem(2, "row", "the file has a header but no figures");
        }

        return violations.Count > 0 ? throw new NationalFiguresRejectedException(violations) : rows;
    }

    /// <summary>The catalogue count a <c>.per_1000</c> measure is the rate of, or the measure itself.</summary>
    public static string BaseMeasure(string measureId) =>
        measureId.EndsWith(PerThousandSuffix, StringComparison.Ordinal) ? measureId[..^PerThousandSuffix.Length] : measureId;

    private static string? MeasureProblem(string measure, MeasureCatalogue catalogue)
    {
        var rate = measure.EndsWith(PerThousandSuffix, StringComparison.Ordinal);
        if (!catalogue.TryGet(BaseMeasure(measure), out var definition))
        {
            return $"'{measure}' is not a catalogue measure, nor a catalogue count with {PerThousandSuffix}";
        }

        return rate && definition.Kind != FigureKind.Count
            ? $"'{measure}': only a count has a rate per 1,000 population; {definition.Id} is a {definition.Kind.ToString().ToLowerInvariant()}"
            : null;
    }

    private static DateOnly? Date(string? text, long line, string column, Action<long, string, string> problem)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(line, column, $"'{text}' is not a date written YYYY-MM-DD");
        return null;
    }
}
