using System.CommandLine;
using Partnership.Cli.Commands;

namespace Partnership.Cli;

/// <summary>
/// The whole CLI behind one call, so the process, in-memory integration tests and end-to-end tests
/// run exactly the same code with their own writers and channel.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, options ?? new CliOptions());
        var token = new Option<string?>("--token")
        {
            Description = $"The bearer token to send (or set {CliContext.TokenVariable}); see 'partnership token'",
            Recursive = true,
        };
        var root = new RootCommand("Partnership data exchange: submit returns, read county reports, get return templates, mint development tokens.")
        {
            SubmitCommand.Create(context),
            BackfillCommand.Create(context),
            ReportCommand.Create(context),
            TemplateCommand.Create(context),
            StatusCommand.Create(context),
            HistoryCommand.Create(context),
            CommissionsCommand.Create(context),
            ImportNationalCommand.Create(context),
            EditionCommand.Create(context),
            TokenCommand.Create(context),
        };
        root.Options.Add(token);
        var parsed = root.Parse(args);
        context.Token = parsed.GetValue(token);
        return parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }
}
