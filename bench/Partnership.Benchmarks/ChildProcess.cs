using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Partnership.Benchmarks;

/// <summary>
/// A child process of this benchmark, for figures that need a process of their own (peak memory).
/// It runs with the garbage collector the aggregator is configured with, read from the aggregator's
/// own runtime configuration: server and workstation GC differ by hundreds of MB at national scale,
/// so a child on another collector would measure a different process than the one deployed.
/// </summary>
public static class ChildProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = AggregatorUsesServerGc() ? "1" : "0";
        return start;
    }

    /// <summary>Whether the aggregator's runtime configuration (copied beside this benchmark) asks for server GC.</summary>
    public static bool AggregatorUsesServerGc()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Partnership.Reporting.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(file));
        return config?["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() ?? false;
    }
}
