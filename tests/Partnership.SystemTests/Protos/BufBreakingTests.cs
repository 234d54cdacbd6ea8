using System.Diagnostics;
using Partnership.Testing;

namespace Partnership.SystemTests.Protos;

/// <summary>
/// buf breaking, as ./test.sh runs it against the last release (docs/api.md), on a copy of the protos:
/// it refuses a renumbered field, and passes the copy unchanged, so the refusal is the change's doing.
/// </summary>
[Trait(Lane.Key, Lane.System)]
public sealed class BufBreakingTests : IDisposable
{
    // SubmitReturnResponse.revision in the crime measures contract.
    private const string Field = "  int32 revision = 2;";

    private readonly string _copy = Directory.CreateTempSubdirectory("partnership-buf-").FullName;

    public BufBreakingTests()
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "buf.yaml"), Path.Combine(_copy, "buf.yaml"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "protos"), "*.proto", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(RepositoryPaths.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Breaking_FieldNumberChangedInACopy_Fails()
    {
        var crime = Path.Combine(_copy, "protos", "partnership", "crime", "v1", "crime.proto");
        var text = await File.ReadAllTextAsync(crime);
        Assert.Equal(1, text.Split(Field).Length - 1);
        await File.WriteAllTextAsync(crime, text.Replace(Field, "  int32 revision = 5;", StringComparison.Ordinal));

        var (exitCode, output) = await BreakingAgainstRepositoryAsync();

        Assert.Equal(100, exitCode);
        Assert.Equal(
            "protos/partnership/crime/v1/crime.proto:42:1:Previously present field \"2\" with name \"revision\" on message \"SubmitReturnResponse\" was deleted.",
            output.Trim());
    }

    [Fact]
    public async Task Breaking_UnchangedCopy_Passes()
    {
        var (exitCode, output) = await BreakingAgainstRepositoryAsync();

        Assert.Equal((0, ""), (exitCode, output.Trim()));
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    /// <summary>buf breaking in the copy, against the repository's protos; tools/buf/buf.sh installs buf on first use.</summary>
    private async Task<(int ExitCode, string Output)> BreakingAgainstRepositoryAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = _copy,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(RepositoryPaths.Root, "tools", "buf", "buf.sh"), "breaking", "--against", Path.Combine(RepositoryPaths.Root, "protos") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
