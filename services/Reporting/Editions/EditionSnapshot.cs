using System.Text.Json;
using System.Text.Json.Serialization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Editions;

/// <summary>
/// An edition's report as stored: the built report itself, as JSON, rather than pins to the revisions
/// it used. The read model keeps only the latest revision of a return, so pins could not be read back;
/// and building again from pinned rows would let a later change to the report's arithmetic move a
/// published figure. A stored report is what was signed off, on every output, for good.
/// </summary>
public static class EditionSnapshot
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new PeriodConverter() },
    };

    public static string Write(DeliveryReport report) => JsonSerializer.Serialize(report, Options);

    public static DeliveryReport Read(string json) =>
        JsonSerializer.Deserialize<DeliveryReport>(json, Options) ?? throw new InvalidOperationException("An edition's stored report is empty.");

    /// <summary>The report with only the comparisons asked for, in the order asked (all it holds when none are asked).</summary>
    public static DeliveryReport WithComparisons(DeliveryReport report, IReadOnlyList<ComparisonKind> asked)
    {
        if (asked.Count == 0)
        {
            return report;
        }

        var kinds = asked.Where(report.Comparisons.Contains).Distinct().ToList();
        AreaReport Keep(AreaReport area) => area with { Comparisons = [.. kinds.Select(area.For).OfType<AreaComparison>()] };
        return report with
        {
            Comparisons = kinds,
            Themes = [.. report.Themes.Select(t => t with
            {
                Objectives = [.. t.Objectives.Select(o => o with
                {
                    Measures = [.. o.Measures.Select(m => m with { County = Keep(m.County), Districts = [.. m.Districts.Select(Keep)] })],
                })],
            })],
        };
    }

    /// <summary>The report without its charts' series (kept in the stored report for the dashboard).</summary>
    public static DeliveryReport WithoutSeries(DeliveryReport report) => report with
    {
        Themes = [.. report.Themes.Select(t => t with
        {
            Objectives = [.. t.Objectives.Select(o => o with { Measures = [.. o.Measures.Select(m => m with { Series = [] })] })],
        })],
    };

    /// <summary>A window as its stable key ("2024-10-01..2024-12-31"), read back exactly.</summary>
    private sealed class PeriodConverter : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PeriodKeys.Parse(reader.GetString() ?? throw new JsonException("A period is a key string."));

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);
    }
}
