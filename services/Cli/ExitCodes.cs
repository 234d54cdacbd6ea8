namespace Partnership.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was invalid or the server rejected it; fix the file or the options and run again.</summary>
    public const int Rejected = 1;

    /// <summary>The server could not be reached; nothing is wrong with the input.</summary>
    public const int Unreachable = 2;

    /// <summary>The return is the same as the revision the service holds, so nothing was sent; <c>--force</c> sends it anyway.</summary>
    public const int Unchanged = 3;
}
