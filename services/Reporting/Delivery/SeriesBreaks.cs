using System.Globalization;
using System.Text.Json;
using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// The register of series breaks, as data (<c>Data/series-breaks.json</c>, or the file a deployment
/// names in <c>Reporting:SeriesBreaksFile</c>). A report marks each break that falls within its windows,
/// and each comparison whose two windows lie either side of one, so no output compares across a break
/// without saying so.
/// </summary>
public sealed class SeriesBreaks(IReadOnlyList<SeriesBreak> breaks)
{
    private const string Resource = "Partnership.Reporting.Data.series-breaks.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public IReadOnlyList<SeriesBreak> All => breaks;

    /// <summary>The deployment's file when it names one, otherwise the built-in register.</summary>
    public static SeriesBreaks Load(MeasureCatalogue catalogue, string? file)
    {
        if (file is { Length: > 0 })
        {
            using var stream = File.OpenRead(file);
            return Read(stream, file, catalogue);
        }

        using var builtIn = typeof(SeriesBreaks).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The built-in series breaks ({Resource}) are missing from the build.");
        return Read(builtIn, "built-in series-breaks.json", catalogue);
    }

    /// <exception cref="InvalidDataException">The file names a measure the catalogue does not hold, or a break without a date or a reason; every problem is listed.</exception>
    public static SeriesBreaks Read(Stream json, string source, MeasureCatalogue catalogue)
    {
        var file = JsonSerializer.Deserialize<RegisterFile>(json, JsonOptions) ?? throw new InvalidDataException($"The series breaks in {source} are empty.");
        var problems = new List<string>();
        var breaks = new List<SeriesBreak>();
        for (var i = 0; i < file.Breaks.Count; i++)
        {
            var entry = file.Breaks[i];
            var where = $"break {i + 1}";
            if (!catalogue.TryGet(entry.Measure ?? "", out _))
            {
                problems.Add($"{where}: '{entry.Measure}' is not a measure of the catalogue");
            }

            if (!DateOnly.TryParseExact(entry.Date ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"{where}: the date '{entry.Date}' is not an ISO date (yyyy-MM-dd)");
            }

            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                problems.Add($"{where}: a break says why the series breaks; give a reason");
            }

            breaks.Add(new SeriesBreak(entry.Measure ?? "", date, entry.Reason?.Trim() ?? ""));
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The series breaks in {source} cannot be used:{string.Concat(problems.Select(p => $"{Environment.NewLine}- {p}"))}");
        }

        return new SeriesBreaks(breaks);
    }

    /// <summary>
    /// The report with, on each measure, the breaks that fall after the start of its earliest window and
    /// by the end of the report's, and on each comparison the latest break its two windows lie either side of.
    /// </summary>
    public DeliveryReport Mark(DeliveryReport report)
    {
        if (breaks.Count == 0)
        {
            return report;
        }

        var from = report.Comparisons.Select(k => ComparisonWindows.For(k, report.Window).Previous.Start).DefaultIfEmpty(report.Window.Start).Min();
        MeasureReport Marked(MeasureReport measure)
        {
            var within = breaks.Where(b => b.AppliesTo(measure.Id) && from < b.Date && b.Date <= report.Window.End).OrderBy(b => b.Date).ToList();
            if (within.Count == 0)
            {
                return measure;
            }

            AreaReport Flagged(AreaReport area) => area with
            {
                Comparisons = [.. area.Comparisons.Select(c => c with { Break = within.LastOrDefault(b => b.Splits(ComparisonWindows.For(c.Kind, report.Window))) })],
            };
            return measure with { Breaks = within, County = Flagged(measure.County), Districts = [.. measure.Districts.Select(Flagged)] };
        }

        return report with
        {
            Themes = [.. report.Themes.Select(t => t with { Objectives = [.. t.Objectives.Select(o => o with { Measures = [.. o.Measures.Select(Marked)] })] })],
        };
    }

    private sealed record RegisterFile(IReadOnlyList<RegisterEntry> Breaks);

    private sealed record RegisterEntry(string? Measure, string? Date, string? Reason);
}
