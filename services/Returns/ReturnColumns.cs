namespace Partnership.Returns;

/// <summary>The columns of a return file, named once for the reader, the template and the error messages.</summary>
public static class ReturnColumns
{
    public const string Measure = "measure";
    public const string Area = "area";
    public const string Period = "period";
    public const string Value = "value";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string Status = "status";
    public const string Note = "note";
    public const string Trend = "trend";

    /// <summary>The columns every file has, and the order a template writes them in (then the optional ones).</summary>
    public static IReadOnlyList<string> Required { get; } = [Measure, Area, Period, Value, Numerator, Denominator];

    public static IReadOnlyList<string> Optional { get; } = [Status, Note, Trend];

    public static IReadOnlyList<string> Template { get; } = [.. Required, Status, Note];

    public static IReadOnlyList<string> All { get; } = [.. Required, .. Optional];

    public static CsvColumns Columns { get; } = new(Required, Optional, Template);
}
