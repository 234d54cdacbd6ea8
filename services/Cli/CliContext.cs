using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Contracts;
using Spectre.Console;

namespace Partnership.Cli;

/// <summary>The writers and server access shared by the commands of one run.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, CliOptions options)
{
    public const string DefaultAddress = "http://127.0.0.1:5080";
    public const string UrlVariable = "PARTNERSHIP_URL";
    public const string TokenVariable = "PARTNERSHIP_TOKEN";

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The --token given on the command line; <see cref="TokenVariable"/> when none was.</summary>
    public string? Token { get; set; }

    public TimeProvider Clock => options.Clock;

    public string? GetEnvironmentVariable(string name) => options.GetEnvironmentVariable(name);

    /// <summary>The width tables on standard output fit; null when it is not a terminal.</summary>
    public int? Width => options.Width;

    /// <summary>Whether long work shows a spinner (standard error is a terminal); otherwise commands write plain lines, or nothing.</summary>
    public bool ShowsProgress => options.ShowProgress;

    /// <summary>Runs <paramref name="work"/> under a spinner saying <paramref name="status"/> on standard error, when it is a terminal.</summary>
    public async Task<T> WithProgressAsync<T>(string status, Func<Task<T>> work)
    {
        if (!options.ShowProgress)
        {
            return await work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return await console.Status().StartAsync(Markup.Escape(status), _ => work());
    }

    public string DefaultUrl => options.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultAddress;

    /// <summary>
    /// Runs calls against the server at <paramref name="url"/>, turning transport failures into a
    /// friendly message and exit code 2, and other refusals into exit code 1.
    /// <paramref name="onRejected"/> may handle a refusal itself (e.g. map a BadRequest to file lines).
    /// </summary>
    public async Task<int> CallAsync(
        string url,
        Func<GrpcChannel, CallOptions, Task<int>> call,
        CancellationToken cancellationToken,
        Func<RpcException, int>? onRejected = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            Error.WriteLine($"'{url}' is not a server address; give --url as http://host:port (or https://), or set {UrlVariable}.");
            return ExitCodes.Rejected;
        }

        if (TokenExpiry.Check(BearerToken, DateTimeOffset.UtcNow) is { } expired)
        {
            // Nothing the server could say would help: it would refuse the token for the same reason.
            Error.WriteLine($"{expired} {NewToken}");
            return ExitCodes.Rejected;
        }

        using var channel = options.ChannelFactory?.Invoke(address) ?? GrpcChannel.ForAddress(address);
        var callOptions = new CallOptions(Authorization(), DateTime.UtcNow + options.CallTimeout, cancellationToken);
        try
        {
            return await call(channel, callOptions);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            // The innermost exception names the real cause ("Connection refused"); the status detail is generic.
            Error.WriteLine($"Cannot reach the partnership server at {url}: {e.Status.DebugException?.GetBaseException().Message ?? e.Status.Detail}");
            Error.WriteLine($"Is it running? Give its address with --url or set {UrlVariable}.");
            return ExitCodes.Unreachable;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            // The server says why in the status (expired, issuer, signing key, a missing claim); an
            // older or foreign one answers only "HTTP 401".
            Error.WriteLine(BearerToken is null
                ? $"The server at {url} needs a token: give --token or set {TokenVariable} (a local run takes one from 'partnership token')."
                : e.Status.Detail.StartsWith("Bad gRPC response", StringComparison.Ordinal) || e.Status.Detail.Length == 0
                    ? $"The server at {url} refused the token. {NewToken}"
                    : $"The server at {url} refused the token: {e.Status.Detail} {NewToken}");
            return ExitCodes.Rejected;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            // The address answers but is not the service asked for: a wrong --url, not a wrong file.
            Error.WriteLine($"The server at {url} does not offer this call ({e.Status.Detail}); is --url the right address?");
            return ExitCodes.Unreachable;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            return onRejected?.Invoke(e) ?? ReportRefusal(url, e);
        }
    }

    private const string NewToken = $"Give a valid one with --token or {TokenVariable} (a local run takes one from 'partnership token').";

    /// <summary>The agency the token names: the services record it as the sender of what it submits.</summary>
    public string? TokenAgency => TokenExpiry.Agency(BearerToken);

    private string? BearerToken => (Token ?? options.GetEnvironmentVariable(TokenVariable)) is { Length: > 0 } token ? token.Trim() : null;

    // Sent as metadata rather than call credentials: gRPC withholds call credentials on plaintext
    // channels, and the local run is plaintext on loopback.
    private Metadata? Authorization() =>
        BearerToken is { } token ? new Metadata { { "authorization", "Bearer " + token } } : null;

    public int ReportRefusal(string url, RpcException e)
    {
        Error.WriteLine($"The server at {url} refused the request ({e.StatusCode}): {e.Status.Detail}");
        // A single violation is often the detail itself; list only what the detail did not already say.
        var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [];
        foreach (var violation in violations.Where(v => $"{v.Field}: {v.Description}" != e.Status.Detail))
        {
            Error.WriteLine($"  {violation.Field}: {violation.Description}");
        }

        if (ProblemCount.TotalOf(e.GetRpcStatus()) is { } total && total > violations.Count)
        {
            Error.WriteLine($"  ... and {total - violations.Count:N0} more not listed ({total:N0} in all)");
        }

        return ExitCodes.Rejected;
    }
}
