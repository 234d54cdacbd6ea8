using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Partnership.Domain.Tests;

/// <summary>
/// The documentation stands alone: every relative link in the repository's Markdown resolves to a
/// file or directory inside the repository (and a heading, when it names one), and no text file
/// refers to material beside the repository that a clone does not have.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    // Built in two parts so this file does not match its own check.
    private static readonly string OutsideReference = ".." + "/shared";

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", ".git" };

    [Fact]
    public void MarkdownFiles_RelativeLinks_ResolveInsideTheRepository()
    {
        var root = RepositoryRoot();
        var files = MarkdownFiles(root).ToList();

        var broken = files.SelectMany(file => BrokenLinks(root, file)).ToList();

        Assert.Contains(files, f => Path.GetFileName(f) == "README.md");
        Assert.True(broken.Count == 0, "Links that do not resolve:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void TrackedTextFiles_OutsideCi_DoNotReferToTheSharedFolderBesideTheRepository()
    {
        var root = RepositoryRoot();

        var offenders = TrackedFiles(root)
            .Where(path => !path.StartsWith(".ci/", StringComparison.Ordinal))
            .Select(path => (Path: path, Text: ReadText(Path.Combine(root, path))))
            .Where(file => file.Text is not null)
            .SelectMany(file => file.Text!.Split('\n')
                .Select((line, index) => (Line: line, Number: index + 1))
                .Where(l => l.Line.Contains(OutsideReference, StringComparison.Ordinal))
                .Select(l => $"{file.Path}:{l.Number}: {l.Line.Trim()}"))
            .ToList();

        Assert.True(offenders.Count == 0, $"Files referring to {OutsideReference}, which a clone does not have:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("Reporting calls", "reporting-calls")]
    [InlineData("On one machine (`dapr run`)", "on-one-machine-dapr-run")]
    [InlineData("Return status (every domain service host)", "return-status-every-domain-service-host")]
    [InlineData("A real identity provider (OIDC)", "a-real-identity-provider-oidc")]
    [InlineData("Every proto is compiled once, in `services/Contracts`, with both gRPC roles", "every-proto-is-compiled-once-in-servicescontracts-with-both-grpc-roles")]
    public void Slug_Heading_MatchesGitHubAnchor(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    private static IEnumerable<string> BrokenLinks(string root, string file)
    {
        var text = File.ReadAllText(file);
        var relativeFile = Path.GetRelativePath(root, file).Replace('\\', '/');
        foreach (var (target, line) in Links(text))
        {
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file")
            {
                continue; // http:, https:, mailto:
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = pathPart.Length == 0
                ? file
                : Path.GetFullPath(pathPart.StartsWith('/') ? Path.Combine(root, pathPart.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(file)!, pathPart));

            if (!IsInside(root, resolved))
            {
                yield return $"{relativeFile}:{line}: ({target}) points outside the repository";
            }
            else if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return $"{relativeFile}:{line}: ({target}) does not exist";
            }
            else if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            {
                yield return $"{relativeFile}:{line}: ({target}) names no heading of {Path.GetRelativePath(root, resolved).Replace('\\', '/')}";
            }
        }
    }

    /// <summary>Inline links and images, <c>[text](target)</c>, outside code blocks and code spans.</summary>
    private static IEnumerable<(string Target, int Line)> Links(string markdown)
    {
        var inFence = false;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (Match link in LinkPattern().Matches(CodeSpanPattern().Replace(line, "")))
            {
                yield return (link.Groups["target"].Value, i + 1);
            }
        }
    }

    /// <summary>The anchors GitHub gives a file's headings, with -1, -2 ... for repeats.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && HeadingPattern().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var unique = slug;
                for (var n = 1; !anchors.Add(unique); n++)
                {
                    unique = $"{slug}-{n}";
                }
            }
        }

        return anchors;
    }

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static IEnumerable<string> MarkdownFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.md"))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            if (!SkippedDirectories.Contains(Path.GetFileName(child)))
            {
                foreach (var file in MarkdownFiles(child))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>The files git tracks; without git (an exported tree), every file outside the build output.</summary>
    private static IReadOnlyList<string> TrackedFiles(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0 && output.Length > 0)
            {
                return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: fall through to the file system.
        }

        return [.. AllFiles(root).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))];
    }

    private static IEnumerable<string> AllFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (!SkippedDirectories.Contains(name) && !name.StartsWith('.'))
            {
                foreach (var file in AllFiles(child))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>A file's text, or null for a binary file (a NUL byte in its first 8 KiB) or one deleted since git listed it.</summary>
    private static string? ReadText(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0) ? null : Encoding.UTF8.GetString(bytes);
    }

    private static bool IsInside(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Partnership.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Partnership.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpanPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();
}
