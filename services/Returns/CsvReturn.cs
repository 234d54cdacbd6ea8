using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>A return read from a file: one area, the return's period, and each row with the line it came from.</summary>
public sealed record CsvReturn(string AreaCode, Period Period, IReadOnlyList<CsvObservation> Observations);

/// <summary>
/// One row. <see cref="Status"/> is null when the file leaves it blank, so the service applies its
/// default rather than the CLI inventing one.
/// </summary>
public sealed record CsvObservation(
    int Line,
    string MeasureId,
    Period Period,
    Figure Figure,
    ObservationStatus? Status,
    Trend Trend,
    string Note);

/// <summary>Either a return or every problem found in the file; never both. Warnings go with either.</summary>
public sealed record CsvReadResult(CsvReturn? Return, IReadOnlyList<CsvProblem> Problems)
{
    public IReadOnlyList<CsvProblem> Warnings { get; init; } = [];

    /// <summary>
    /// Points a problem found later (the service's rejection, by line and column) at the same place
    /// the reader's own problems point: a workbook's cell. A CSV file's lines need no help.
    /// </summary>
    public Func<CsvProblem, CsvProblem> Locate { get; init; } = problem => problem;

    /// <summary>The result with its problems, and any found later, pointed at the cells of a worksheet.</summary>
    public CsvReadResult LocatedBy(SheetCells cells) => this with
    {
        Problems = [.. Problems.Select(cells.Locate)],
        Warnings = [.. Warnings.Select(cells.Locate)],
        Locate = cells.Locate,
    };

    public bool Succeeded => Return is not null;
}
