using System.Text;
using System.Text.Json;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Publishing;

namespace Partnership.Reporting.Editions;

/// <summary>A figure cited by commentary whose value has moved since the commentary was written.</summary>
public sealed record StaleFigure(string Placeholder, string Cited, string Now);

/// <summary>
/// The placeholders commentary cites figures with (docs/editions.md): <c>{measure.field}</c> or
/// <c>{measure.field@comparison}</c>, where the field is <c>current</c>, <c>previous</c>, <c>change</c>,
/// <c>change_pct</c> or <c>direction</c> and the comparison a slug such as <c>rolling-12-months</c>
/// (the edition's first comparison when none is named). Figures are the county's, written as the
/// report's tables write them, so the commentary and the table cannot disagree. <c>{{</c> and
/// <c>}}</c> are literal braces.
/// </summary>
public static class CommentaryText
{
    public const string NoFigure = FigureText.NoFigure;

    private static readonly string[] Fields = ["current", "previous", "change", "change_pct", "direction"];

    private sealed record Placeholder(string Text, string MeasureId, string Field, ComparisonKind? Comparison);

    /// <summary>Every problem with the text's placeholders against the report, each naming its placeholder; none when it is good.</summary>
    public static IReadOnlyList<string> Problems(string text, DeliveryReport report)
    {
        var problems = new List<string>();
        Walk(text, _ => { }, token =>
        {
            if (Check(token, report) is { } problem)
            {
                problems.Add(problem);
            }
        }, problems.Add);
        return problems;
    }

    /// <summary>The text with its placeholders replaced by the report's figures (checked beforehand with <see cref="Problems"/>).</summary>
    public static string Render(string text, DeliveryReport report)
    {
        var rendered = new StringBuilder(text.Length);
        Walk(text, literal => rendered.Append(literal), token => rendered.Append(Value(token, report)), _ => { });
        return rendered.ToString();
    }

    /// <summary>Each placeholder of the text with the value it shows in the report, in order of first use.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Cite(string text, DeliveryReport report)
    {
        var cited = new List<KeyValuePair<string, string>>();
        Walk(text, _ => { }, token =>
        {
            if (cited.All(c => c.Key != token))
            {
                cited.Add(new(token, Value(token, report)));
            }
        }, _ => { });
        return cited;
    }

    /// <summary>The cited figures whose value in the report is no longer the one cited.</summary>
    public static IEnumerable<StaleFigure> Moved(IReadOnlyList<KeyValuePair<string, string>> cited, DeliveryReport report) =>
        cited.Select(c => new StaleFigure(c.Key, c.Value, Value(c.Key, report))).Where(s => s.Cited != s.Now);

    public static string WriteCited(IReadOnlyList<KeyValuePair<string, string>> cited) => JsonSerializer.Serialize(cited);

    public static IReadOnlyList<KeyValuePair<string, string>> ReadCited(string json) =>
        json.Length == 0 ? [] : JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(json) ?? [];

    /// <summary>
    /// The report with the commentary in it, rendered from the report's own figures: a measure's
    /// commentary is its row's comment (in place of the partners' notes), a section's is its theme's.
    /// </summary>
    public static DeliveryReport Apply(DeliveryReport report, IReadOnlyList<EditionCommentary> commentary)
    {
        if (commentary.Count == 0)
        {
            return report;
        }

        string? For(CommentaryKind kind, string key) =>
            commentary.FirstOrDefault(c => c.Kind == kind && c.Key == key) is { } found ? Render(found.Text, report) : null;

        return report with
        {
            Themes = [.. report.Themes.Select(t => t with
            {
                Commentary = For(CommentaryKind.Section, t.Id) ?? t.Commentary,
                Objectives = [.. t.Objectives.Select(o => o with
                {
                    Measures = [.. o.Measures.Select(m => For(CommentaryKind.Measure, m.Id) is { } comment ? m with { Comment = comment } : m)],
                })],
            })],
        };
    }

    // Splits the text into literal runs and placeholders (the text between braces), reporting a brace
    // left open or closed without opening.
    private static void Walk(string text, Action<string> literal, Action<string> placeholder, Action<string> problem)
    {
        var run = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                run.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    problem($"A '{{' at character {i + 1} is never closed; write '{{{{' for a brace.");
                    return;
                }

                literal(run.ToString());
                run.Clear();
                placeholder(text[(i + 1)..end]);
                i = end;
            }
            else if (c == '}')
            {
                problem($"A '}}' at character {i + 1} closes no placeholder; write '}}}}' for a brace.");
                return;
            }
            else
            {
                run.Append(c);
            }
        }

        literal(run.ToString());
    }

    private static Placeholder? Parse(string token)
    {
        var at = token.IndexOf('@', StringComparison.Ordinal);
        var reference = at < 0 ? token : token[..at];
        ComparisonKind? comparison = null;
        if (at >= 0)
        {
            if (!FigureText.TryParseComparison(token[(at + 1)..], out var kind))
            {
                return null;
            }

            comparison = kind;
        }

        var dot = reference.LastIndexOf('.');
        return dot <= 0 ? null : new Placeholder(token, reference[..dot], reference[(dot + 1)..], comparison);
    }

    private static string? Check(string token, DeliveryReport report)
    {
        var named = $"Unknown placeholder {{{token}}}";
        var placeholder = Parse(token);
        if (placeholder is null)
        {
            return $"{named}: write {{measure.field}} or {{measure.field@comparison}}, the comparison one of previous-year, rolling-12-months, year-to-date.";
        }

        if (!Fields.Contains(placeholder.Field))
        {
            return $"{named}: '{placeholder.Field}' is not a field; the fields are {string.Join(", ", Fields)}.";
        }

        var measure = report.Rows().Select(r => r.Measure).FirstOrDefault(m => m.Id == placeholder.MeasureId);
        if (measure is null)
        {
            return $"{named}: '{placeholder.MeasureId}' is not a measure of this edition.";
        }

        if (placeholder.Comparison is { } kind && !report.Comparisons.Contains(kind))
        {
            return $"{named}: this edition does not hold the {FigureText.ComparisonSlug(kind)} comparison; it holds {string.Join(", ", report.Comparisons.Select(FigureText.ComparisonSlug))}.";
        }

        if (placeholder.Field == "change_pct" && measure.Kind is FigureKind.Ratio or FigureKind.Percent)
        {
            return $"{named}: {placeholder.MeasureId} is a rate, whose change is in percentage points; cite {{{placeholder.MeasureId}.change}}.";
        }

        return null;
    }

    private static string Value(string token, DeliveryReport report)
    {
        if (Parse(token) is not { } placeholder
            || report.Rows().Select(r => r.Measure).FirstOrDefault(m => m.Id == placeholder.MeasureId) is not { } measure
            || measure.County.For(placeholder.Comparison ?? report.Comparisons.FirstOrDefault()) is not { } figures)
        {
            return NoFigure;
        }

        return placeholder.Field switch
        {
            "current" => Figure(measure.Unit, figures.Current),
            "previous" => Figure(measure.Unit, figures.Previous),
            "change" => figures.Change switch
            {
                { PercentagePoints: { } points } => FigureDisplay.OneDecimal(points) + "pp",
                { Absolute: { } absolute } => FigureDisplay.Difference(measure.Unit, absolute),
                _ => Withheld(figures) ? FigureText.Withheld : NoFigure,
            },
            "change_pct" => figures.Change?.Percent is { } percent ? FigureDisplay.PercentText(percent) : Withheld(figures) ? FigureText.Withheld : NoFigure,
            "direction" => figures.Current.Value is { } now && figures.Previous.Value is { } before
                ? (now - before) switch { > 0 => "higher", < 0 => "lower", _ => "unchanged" }
                : Withheld(figures) ? FigureText.Withheld : NoFigure,
            _ => NoFigure,
        };
    }

    private static bool Withheld(AreaComparison figures) => figures.Current.Withheld || figures.Previous.Withheld;

    private static string Figure(string unit, ReportCell cell) =>
        cell.Withheld ? FigureText.Withheld : cell.Value is { } value ? FigureDisplay.Value(unit, value) : NoFigure;
}
