using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing.Pages;

/// <summary>
/// Where a measure's chart draws what: the axis, its ticks, a line per area and a dashed mark where the
/// series breaks, with every coordinate already written as SVG wants it. <see cref="Chart"/> lays it out.
/// </summary>
public sealed class ChartGeometry
{
    public const int Width = 420, Height = 190, Left = 58, Right = 12, Top = 12, Bottom = 34;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = ["#1b6ca8", "#d1495b", "#66a182", "#edae49", "#8d6a9f", "#00798c", "#7a5c3e"];

    public required string Label { get; init; }

    public required string MeasureId { get; init; }

    /// <summary>Nothing to draw: no area has a figure in any window.</summary>
    public bool IsEmpty => Lines.Count == 0;

    public IReadOnlyList<ChartTick> Ticks { get; init; } = [];

    public IReadOnlyList<ChartLine> Lines { get; init; } = [];

    public IReadOnlyList<ChartBreak> Breaks { get; init; } = [];

    public static string Px(int value) => value.ToString(Invariant);

    public static ChartGeometry Of(MeasureReport measure, string? district)
    {
        var lines = measure.Series.Where(l => l.IsCounty || district is not { Length: > 0 } || l.Area.Code == district).ToList();
        var values = lines.SelectMany(l => l.Points).Select(p => p.Value).OfType<decimal>().ToList();
        if (values.Count == 0)
        {
            return new ChartGeometry { Label = measure.Plan.Label, MeasureId = measure.Id };
        }

        // The axis is in the scale a target is written in (a rate as a percentage), labelled in its unit.
        var scale = measure.Kind == FigureKind.Ratio ? 100m : 1m;
        var axisUnit = FigureDisplay.ScaleOf(measure.Unit);
        var max = values.Max() * scale;
        // Rates and percentages move within a few points: a zero baseline would flatten them.
        var min = measure.Kind == FigureKind.Count ? Math.Min(0m, values.Min() * scale) : values.Min() * scale;
        if (max == min)
        {
            max = min + 1m;
        }

        var windows = lines[0].Points.Select(p => p.Window).ToList();
        double X(int i) => Left + (windows.Count == 1 ? 0 : i * (Width - Left - Right) / (double)(windows.Count - 1));
        double Y(decimal v) => Top + ((double)((max - (v * scale)) / (max - min)) * (Height - Top - Bottom));

        return new ChartGeometry
        {
            Label = measure.Plan.Label,
            MeasureId = measure.Id,
            Ticks =
            [
                new(Px(Left - 4), Px(Top + 4), FigureDisplay.Value(axisUnit, max), "end"),
                new(Px(Left - 4), Px(Height - Bottom), FigureDisplay.Value(axisUnit, min), "end"),
                new(Px(Left), Px(Height - 18), windows[0].Label, null),
                new(Px(Width - Right), Px(Height - 18), windows[^1].Label, "end"),
            ],
            Lines = lines.Select((line, l) =>
            {
                var colour = line.IsCounty ? "#222" : Palette[(l - 1 + Palette.Length) % Palette.Length];
                var points = line.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).ToList();
                return new ChartLine(
                    line.Area.Code,
                    line.Area.Name,
                    line.IsCounty,
                    colour,
                    string.Join(" ", points.Select(x => $"{Coordinate(X(x.i))},{Coordinate(Y(x.p.Value!.Value))}")),
                    points.Select(x => new ChartPoint(
                        Coordinate(X(x.i)),
                        Coordinate(Y(x.p.Value!.Value)),
                        x.p.Window.Label,
                        FigureDisplay.Full(x.p.Value),
                        $"{line.Area.Name}, {x.p.Window.Label}: {FigureDisplay.Value(measure.Unit, x.p.Value!.Value)}{(x.p.Provisional ? " (p)" : "")}")).ToList());
            }).ToList(),
            Breaks = BreakMarks(measure, windows, X),
        };
    }

    // A dashed line where the series breaks: between the last window before the break and the first
    // from it, or on the window the break falls inside.
    private static List<ChartBreak> BreakMarks(MeasureReport measure, List<Period> windows, Func<int, double> x)
    {
        var marks = new List<ChartBreak>();
        foreach (var b in measure.Breaks)
        {
            var i = windows.FindIndex(w => w.End >= b.Date);
            if (i < 0 || (i == 0 && windows[0].Start >= b.Date))
            {
                continue;
            }

            var at = windows[i].Start >= b.Date ? (x(i - 1) + x(i)) / 2 : x(i);
            marks.Add(new ChartBreak(FigureText.Iso(b.Date), Coordinate(at), $"Series break on {b.DateText}: {b.Reason}"));
        }

        return marks;
    }

    private static string Coordinate(double value) => value.ToString("0.#", Invariant);
}

/// <summary>A label on the chart's axes; <paramref name="Anchor"/> is the SVG text-anchor, if not the start.</summary>
public sealed record ChartTick(string X, string Y, string Text, string? Anchor);

/// <summary>An area's line: its points as the polyline's attribute, and a dot with a tooltip at each.</summary>
public sealed record ChartLine(string AreaCode, string AreaName, bool IsCounty, string Colour, string Points, IReadOnlyList<ChartPoint> Dots)
{
    public string StrokeWidth => IsCounty ? "2.5" : "1.2";

    public string Radius => IsCounty ? "3" : "2";
}

public sealed record ChartPoint(string X, string Y, string Window, string Value, string Title);

public sealed record ChartBreak(string Date, string X, string Title);
