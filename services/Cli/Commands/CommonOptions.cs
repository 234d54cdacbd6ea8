using System.CommandLine;
using System.Text;
using Partnership.Cli.Services;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Returns.Typed;

namespace Partnership.Cli.Commands;

/// <summary>Options and small steps more than one command shares.</summary>
internal static class CommonOptions
{
    public static Option<string> Url(CliContext context) => new("--url")
    {
        Description = $"The server's address (or set {CliContext.UrlVariable})",
        DefaultValueFactory = _ => context.DefaultUrl,
    };

    /// <param name="others">Names of files that are not a service's return but the command also takes (e.g. "national").</param>
    public static Option<string> Service(params string[] others) => new Option<string>("--service")
    {
        Description = "The service the return is for",
        DefaultValueFactory = _ => ReturnServices.Names[0],
    }.AcceptOnlyFromAmong([.. ReturnServices.Names, .. others]);

    public static Option<string?> ReturnKind() => new("--return")
    {
        Description = "For a service with typed returns (justice): which return the file is, e.g. " + string.Join(", ", ReturnServices.Typed.SelectMany(s => s.ReturnNames)),
    };

    /// <summary>Finds the --return a typed service takes; on failure says which there are and returns null.</summary>
    public static TypedReturnFile? TypedReturn(CliContext context, TypedReturnService service, string? name)
    {
        if (service.Get(name) is { } kind)
        {
            return kind;
        }

        context.Error.WriteLine($"--return: the {service.Title} takes {string.Join(", ", service.ReturnNames)}; give one of them{(string.IsNullOrEmpty(name) ? "" : $" ('{name}' is not)")}.");
        return null;
    }

    public static Option<string?> Commission() => new("--commission")
    {
        Description = "Victim services: the commissioned service a provider's return is for (e.g. wy-isva); leave out for the force's own figures",
    };

    /// <summary>Checks --commission suits the service; on failure says why and returns false.</summary>
    public static bool CheckCommission(CliContext context, ReturnService service, string? commission)
    {
        if (string.IsNullOrWhiteSpace(commission) || service.SourceName is not null)
        {
            return true;
        }

        context.Error.WriteLine($"--commission: the {service.Title} takes one return per area; leave --commission out.");
        return false;
    }

    public static Option<string?> Output() => new("--out", "--output")
    {
        Description = "Write to this file instead of standard output",
    };

    /// <summary>Parses a period option; on failure says why and returns false.</summary>
    public static bool TryParsePeriod(CliContext context, string option, string? text, out Period? period)
    {
        period = null;
        if (text is null)
        {
            return true;
        }

        if (!UkDates.TryParsePeriod(text, out var parsed, out var error))
        {
            context.Error.WriteLine($"{option}: {error}");
            return false;
        }

        period = parsed;
        return true;
    }

    /// <summary>
    /// Writes data to the --out file, or to standard output. Returns where messages about it belong:
    /// standard error while standard output carries the data, so a redirected file stays clean.
    /// </summary>
    /// <param name="byteOrderMark">For CSV files: Excel on Windows reads UTF-8 without one as the local code page, and mangles accented names.</param>
    public static TextWriter WriteData(CliContext context, string? path, Action<TextWriter> write, bool byteOrderMark = false)
    {
        if (path is null)
        {
            write(context.Out);
            return context.Error;
        }

        using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark)))
        {
            write(file);
        }

        return context.Out;
    }
}
