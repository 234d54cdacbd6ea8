using System.Text.RegularExpressions;

namespace Partnership.Testing;

/// <summary>
/// What the local host prints once it is ready: the addresses it bound. A host started on port 0 binds
/// free ports itself, so no other process can take them between choosing and binding; these read the
/// ports back.
/// </summary>
public static partial class LocalHostBanner
{
    /// <summary>The banner's last line: once it is out, every address is.</summary>
    public const string LastLine = "Press Ctrl+C to stop.";

    /// <summary>The gRPC address the banner names, e.g. http://127.0.0.1:40123.</summary>
    public static string GrpcAddress(string output) => Address(output, "gRPC");

    /// <summary>The HTTP (health, dashboard) address the banner names.</summary>
    public static string HttpAddress(string output) => Address(output, "HTTP");

    private static string Address(string output, string label) =>
        AddressLine().Matches(output).FirstOrDefault(m => m.Groups["label"].Value == label) is { } match
            ? match.Groups["address"].Value.TrimEnd('/')
            : throw new InvalidOperationException($"The host printed no {label} address:\n{output}");

    [GeneratedRegex(@"^\s*(?<label>gRPC|HTTP) \(.*\): (?<address>http\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
