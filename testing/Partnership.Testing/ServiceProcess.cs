using System.Collections.Concurrent;
using System.Diagnostics;

namespace Partnership.Testing;

/// <summary>
/// A service or tool run as a real process (<c>dotnet x.dll</c>), its output captured for assertions
/// and failure messages, and killed with its children on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote, once it has exited (null while it runs); its last lines may still be on their way, so this waits for them.</summary>
    public string? FinalOutput()
    {
        if (!_process.HasExited)
        {
            return null;
        }

        _process.WaitForExit();
        return Output;
    }

    public int Id => _process.Id;

    public static ServiceProcess Start(string assemblyPath, IEnumerable<string> arguments, IDictionary<string, string?> environment, string? workingDirectory = null) =>
        StartExecutable("dotnet", [assemblyPath, .. arguments], environment, workingDirectory ?? Path.GetDirectoryName(assemblyPath)!);

    /// <summary>Starts any executable (a database server, a tool), capturing its output.</summary>
    public static ServiceProcess StartExecutable(string fileName, IEnumerable<string> arguments, IDictionary<string, string?> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName));
    }

    /// <summary>Runs a command to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string assemblyPath, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        RunExecutableAsync("dotnet", [assemblyPath, .. arguments], environment, timeout);

    public static async Task<(int ExitCode, string Output)> RunExecutableAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        await using var process = StartExecutable(fileName, arguments, environment ?? new Dictionary<string, string?>(), Environment.CurrentDirectory);
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process._process.WaitForExitAsync(cancellation.Token);
        // WaitForExit without a timeout also waits for the redirected streams to drain.
        process._process.WaitForExit();
        return (process.ExitCode, process.Output);
    }

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(_process.HasExited ? throw new InvalidOperationException($"The process exited with {_process.ExitCode}:\n{Output}") : Output.Contains(text, StringComparison.Ordinal)),
            found => found,
            timeout,
            $"'{text}' in the output of process {_process.Id}");

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
