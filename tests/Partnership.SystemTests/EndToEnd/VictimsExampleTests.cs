using Microsoft.Extensions.DependencyInjection;
using Partnership.Cli;
using Partnership.Domain;
using Partnership.LocalHost;
using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// Issue 21: docs/cli.md's victim services example, command by command, against the local host's
/// victim services demo data (its commissioning and returns, seeded as a fresh local run seeds them).
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed class VictimsExampleTests : IAsyncLifetime, IDisposable
{
    private const string Cli = "dotnet run --project services/Cli -- ";
    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-victims-example-").FullName;
    private ExchangeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices);
        await _host.InScopeAsync(services => ActivatorUtilities.CreateInstance<VictimServicesDemoSeed>(services).SeedAsync(CancellationToken.None));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The commands of the bash block under a heading of docs/cli.md.</summary>
    private static List<string> ExampleCommands(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        var section = lines.SkipWhile(l => l != heading).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        return [.. section.SkipWhile(l => l != "```bash").Skip(1).TakeWhile(l => l != "```").Where(l => l.StartsWith(Cli, StringComparison.Ordinal)).Select(l => l[Cli.Length..])];
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(string command)
    {
        var (arguments, redirect) = command.Split(" > ") is [var args, var file] ? (args, file.Trim()) : (command, null);
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.EndsWith(".csv", StringComparison.Ordinal) ? Path.Combine(_directory, w) : w);
        using var handler = _host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. words, "--url", "http://localhost"], output, error, CliOptions.ForHandler(handler));
        if (redirect is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(_directory, redirect), output.ToString());
        }

        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What the partner does between template and submit: a figure on every row, 10 of everything (the referrals' total is its four sources').</summary>
    private void FillIn(string file)
    {
        var catalogue = MeasureCatalogue.Load();
        var path = Path.Combine(_directory, file);
        var lines = File.ReadAllLines(path);
        var filled = lines.Take(1).Concat(lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var fields = line.Split(',');
            var ratio = catalogue.TryGet(fields[0], out var measure) && measure.Kind == FigureKind.Ratio;
            (fields[3], fields[4], fields[5]) = ratio ? ("", "5", "10") : (fields[0] == "victims.referrals" ? "40" : "10", "", "");
            return string.Join(',', fields);
        }));
        File.WriteAllLines(path, filled);
    }

    [Fact]
    public async Task VictimsExample_OnTheDemoData_EveryCommandSucceeds()
    {
        var commands = ExampleCommands("## Victim services returns");
        Assert.Equal(5, commands.Count);

        foreach (var command in commands)
        {
            if (command.StartsWith("submit ", StringComparison.Ordinal))
            {
                FillIn(command.Split(' ')[1]);
            }

            var result = await RunAsync(command);

            Assert.True(result.Exit == ExitCodes.Success, $"{command}\n{result.Out}\n{result.Error}");
        }
    }

    [Fact]
    public async Task Commissions_ExampleQuarter_ListsTheCommissionTheExampleNames()
    {
        var commission = ExampleCommands("## Victim services returns").First(c => c.StartsWith("template ", StringComparison.Ordinal)).Split(' ').SkipWhile(w => w != "--commission").ElementAt(1);

        var result = await RunAsync("commissions --area E23000010 --period FY2025/26-Q1");

        Assert.True(result.Exit == ExitCodes.Success, result.Error);
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith($"FY2025/26  {commission}  ", StringComparison.Ordinal));
    }
}
