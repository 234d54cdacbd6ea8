using Spectre.Console;

namespace Partnership.Cli.Output;

/// <summary>
/// Columns two spaces apart, for a terminal. Given a width (the terminal's), the table fits it:
/// the widest columns wrap their words; without one (a pipe or a file) every row stays on one line,
/// as scripts reading the output expect.
/// </summary>
internal static class TextTable
{
    /// <summary>Wide enough that no table is wrapped: Spectre needs a width, and a pipe has none.</summary>
    private const int Unlimited = 4096;

    /// <summary>A line of prose under a table, wrapped at word boundaries to the same width.</summary>
    public static void WriteWrapped(TextWriter output, string text, int? width) => Render(output, new Text(text), width);

    /// <param name="rightAligned">The columns holding figures, which line up on the right.</param>
    public static void Write(TextWriter output, string[] header, IReadOnlyList<string[]> rows, int? width = null, IReadOnlySet<int>? rightAligned = null)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        for (var i = 0; i < header.Length; i++)
        {
            table.AddColumn(new TableColumn(new Text(header[i]))
            {
                Alignment = rightAligned?.Contains(i) == true ? Justify.Right : Justify.Left,
                Padding = new Padding(0, 0, i == header.Length - 1 ? 0 : 2, 0),
            });
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => new Text(cell))]);
        }

        Render(output, table, width);
    }

    private static void Render(TextWriter output, Spectre.Console.Rendering.IRenderable renderable, int? width)
    {
        using var rendered = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(rendered),
        });
        console.Profile.Width = width ?? Unlimited;
        console.Write(renderable);
        foreach (var line in rendered.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.TrimEnd());
        }
    }
}
