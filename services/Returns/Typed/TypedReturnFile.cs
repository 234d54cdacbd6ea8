using Google.Protobuf;
using Grpc.Core;
using Partnership.Domain;

namespace Partnership.Returns.Typed;

/// <summary>
/// One kind of return a service takes through its own typed call rather than the generic
/// SubmitReturn (a court backlog is one row per court, not one row per measure): its own columns,
/// how its rows become the request, and the rows a template starts with.
/// </summary>
/// <param name="Name">What partners type after --return.</param>
/// <param name="Title">How messages name the return.</param>
/// <param name="Read">Builds the request from rows already read by column; null when a row had a problem (recorded on the row).</param>
/// <param name="TemplateRows">Rows a template starts with for an area and period (either may be empty), in the template's column order.</param>
public sealed record TypedReturnFile(
    string Name,
    string Title,
    CsvColumns Columns,
    Func<IReadOnlyList<CsvRow>, TypedRequest?> Read,
    Func<string, Period?, IEnumerable<IReadOnlyList<string>>> TemplateRows)
{
    /// <summary>The columns' types in a workbook template: counts, dates and drop-downs (a column in none is text).</summary>
    public TemplateCells Cells { get; init; } = TemplateCells.Text;

    /// <summary>The template as an Excel workbook: the same columns and rows as the CSV's, in typed cells.</summary>
    public XlsxTemplate Workbook(string area, Period? period) =>
        new(Columns.Template, [.. TemplateRows(area, period)]) { Counts = Cells.Counts, Dates = Cells.Dates, Choices = Cells.Choices };
}

/// <summary>Which columns of a typed return's files hold whole numbers, dates or one of a list; a column named here but not in a file is passed over.</summary>
public sealed record TemplateCells(IReadOnlySet<string> Counts, IReadOnlySet<string> Dates, IReadOnlyDictionary<string, IReadOnlyList<string>> Choices)
{
    public static TemplateCells Text { get; } = new(new HashSet<string>(), new HashSet<string>(), new Dictionary<string, IReadOnlyList<string>>());
}

/// <summary>
/// A typed request ready to send; the CLI sets who submits it just before sending. The partner portal
/// hands <see cref="Request"/> to the service in process instead.
/// </summary>
public sealed record TypedRequest(IMessage Request, Func<ChannelBase, string, CallOptions, Task<IReadOnlyList<SubmitOutcome>>> SubmitAsync);

/// <summary>A service partners submit typed returns to, and the kinds of return it takes.</summary>
/// <param name="FieldColumns">The request's field names that are not their column's name, to point a rejection at the file.</param>
public sealed record TypedReturnService(string Name, string Title, IReadOnlyDictionary<string, string> FieldColumns, IReadOnlyList<TypedReturnFile> Returns)
{
    public IReadOnlyList<string> ReturnNames => [.. Returns.Select(r => r.Name)];

    public TypedReturnFile? Get(string? name) =>
        Returns.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
