using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>
/// Reads a partner's return from CSV: a header naming the columns (in any order, any case), then
/// one row per observation. Collects every problem in the file before giving up, because a partner
/// fixing a return one error per round trip is the failure this tool exists to avoid.
/// </summary>
/// <param name="catalogue">When given, lets the reader refuse a % sign on a measure that is not a percentage.
/// Unknown measures are left to the service, whose catalogue is the authority.</param>
public sealed class CsvReturnReader(MeasureCatalogue? catalogue = null)
{
    private static readonly Dictionary<string, Trend> Trends = new(StringComparer.OrdinalIgnoreCase)
    {
        ["up"] = Trend.Up,
        ["↑"] = Trend.Up,
        ["down"] = Trend.Down,
        ["↓"] = Trend.Down,
        ["steady"] = Trend.Steady,
        ["↔"] = Trend.Steady,
    };

    /// <param name="returnPeriod">The period given with --period, which wins; otherwise the one period all rows share.</param>
    public CsvReadResult Read(TextReader text, Period? returnPeriod = null)
    {
        var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
        return FromRows(CsvTable.Read(text, ReturnColumns.Columns, problems, warnings), problems, warnings, returnPeriod);
    }

    /// <summary>The return in rows already read from a file (CSV or a worksheet), whose problems so far are <paramref name="problems"/>.</summary>
    public CsvReadResult FromRows(IReadOnlyList<CsvRow>? rows, List<CsvProblem> problems, List<CsvProblem> warnings, Period? returnPeriod = null)
    {
        if (rows is null)
        {
            return new CsvReadResult(null, problems) { Warnings = warnings };
        }

        var observations = new List<CsvObservation>();
        var area = new SameOnEveryRow(ReturnColumns.Area, "area", "a return is for one area, so put each area in its own file");
        foreach (var row in rows)
        {
            if (ReadRow(row, area) is { } observation)
            {
                observations.Add(observation);
            }
        }

        var period = returnPeriod ?? SharedPeriod(observations, problems);
        return problems.Count > 0 || area.Value is null || period is null
            ? new CsvReadResult(null, [.. problems.OrderBy(p => p.Line)]) { Warnings = warnings }
            : new CsvReadResult(new CsvReturn(area.Value, period.Value, observations), []) { Warnings = warnings };
    }

    private CsvObservation? ReadRow(CsvRow row, SameOnEveryRow area)
    {
        var measureId = row.Required(ReturnColumns.Measure, "the measure id is empty (e.g. crime.total_recorded)");
        var areaCode = row.Required(ReturnColumns.Area, "the area code is empty (e.g. E08000032)");
        if (areaCode is not null)
        {
            area.Check(areaCode, row);
        }

        Period? period = null;
        if (row.Required(ReturnColumns.Period, "the period is empty (e.g. FY2020/21-Q3)") is { } periodText)
        {
            if (UkDates.TryParsePeriod(periodText, out var parsed, out var error))
            {
                period = parsed;
            }
            else
            {
                row.Problem(ReturnColumns.Period, error);
            }
        }

        var figure = ReadFigure(row, measureId);
        var status = row.Choice(ReturnColumns.Status, CsvRowReading.Statuses, CsvRowReading.StatusChoices);
        var trend = row.Choice(ReturnColumns.Trend, Trends, "up, down, steady, ↑, ↓ or ↔");
        var note = row.Get(ReturnColumns.Note) ?? "";

        return row.HasProblems || measureId is null || period is null || figure is null
            ? null
            : new CsvObservation(row.Line, measureId, period.Value, figure.Value, status, trend ?? Trend.None, note);
    }

    private Figure? ReadFigure(CsvRow row, string? measureId)
    {
        var value = row.Get(ReturnColumns.Value);
        var numerator = row.Get(ReturnColumns.Numerator);
        var denominator = row.Get(ReturnColumns.Denominator);
        if (value is not null && (numerator is not null || denominator is not null))
        {
            row.Problem(ReturnColumns.Value, "give either a value (counts, percentages) or a numerator and denominator (ratios), not both");
            return null;
        }

        if (value is not null)
        {
            var number = row.Number(ReturnColumns.Value, value);
            if (number is { HasPercentSign: true } && measureId is not null && catalogue is not null
                && catalogue.TryGet(measureId, out var measure) && measure.Kind != FigureKind.Percent)
            {
                row.Problem(ReturnColumns.Value, $"'{value}' has a % sign, but {measureId} is a {measure.Unit}{(measure.Kind == FigureKind.Ratio ? " (give its numerator and denominator)" : "")}");
                return null;
            }

            return number is null ? null : Figure.OfValue(number.Value.Value);
        }

        if (numerator is null && denominator is null)
        {
            row.Problem(ReturnColumns.Value, "there is no figure: give a value, or a numerator and denominator (leave the row out if there is no figure)");
            return null;
        }

        if (numerator is null || denominator is null)
        {
            var (missing, given) = numerator is null ? (ReturnColumns.Numerator, ReturnColumns.Denominator) : (ReturnColumns.Denominator, ReturnColumns.Numerator);
            row.Problem(missing, $"is empty, but the {given} is given; a ratio needs both");
            return null;
        }

        var top = ReadWholeNumber(row, ReturnColumns.Numerator, numerator);
        var bottom = ReadWholeNumber(row, ReturnColumns.Denominator, denominator);
        return top is null || bottom is null ? null : Figure.OfFraction(top.Value, bottom.Value);
    }

    private static decimal? ReadWholeNumber(CsvRow row, string column, string text)
    {
        var number = row.Number(column, text);
        if (number is { HasPercentSign: true })
        {
            row.Problem(column, $"'{text}' has a % sign; a {column} is a count, and the percentage is worked out from the two");
            return null;
        }

        return number?.Value;
    }

    private static Period? SharedPeriod(List<CsvObservation> observations, List<CsvProblem> problems)
    {
        var periods = observations
            .GroupBy(o => o.Period)
            .Select(g => (Period: g.Key, FirstLine: g.Min(o => o.Line)))
            .OrderBy(p => p.FirstLine)
            .ToList();
        if (periods.Count <= 1)
        {
            return periods.Count == 1 ? periods[0].Period : null;
        }

        // A template dates a stock's row (a caseload) on the last day of the return's window; such
        // rows beside one window leave no doubt which is the return's period.
        if (periods.Where(p => !p.Period.IsSnapshot).Select(p => p.Period).ToList() is [var window]
            && periods.All(p => p.Period == window || (p.Period.IsSnapshot && p.Period.End == window.End)))
        {
            return window;
        }

        // Guessing the return's period from the commonest row would file a return under the wrong
        // quarter; the partner says which with --period.
        var listed = string.Join(", ", periods.Select(p => $"{p.Period.Label} from line {p.FirstLine}"));
        problems.Add(new CsvProblem(periods[1].FirstLine, ReturnColumns.Period, $"the rows are for more than one period ({listed}); give --period to say which is the return's period"));
        return null;
    }
}
