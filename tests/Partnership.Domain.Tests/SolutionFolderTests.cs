using System.Text.RegularExpressions;
using Partnership.Testing;

namespace Partnership.Domain.Tests;

/// <summary>
/// The solution mirrors the repository: every project sits in the solution folder of its directory
/// (services/Storage/Partnership.Storage.csproj in services/Storage, tests/Partnership.Cli.Tests/... in
/// tests), and every project in the repository is in the solution, so `dotnet test Partnership.sln`
/// builds and runs all of them.
/// </summary>
public partial class SolutionFolderTests
{
    private const string SolutionFolderType = "2150E333-8FDC-42A3-9474-1A3956D46DE8";

    [Fact]
    public void Solution_EveryProject_SitsInTheFolderOfItsDirectory()
    {
        var solution = ReadSolution(Path.Combine(RepositoryPaths.Root, "Partnership.sln"));

        var misplaced = solution.Projects
            .Select(p => (p.Path, Expected: ExpectedFolder(p.Path), Actual: solution.FolderOf(p.Id)))
            .Where(p => p.Expected != p.Actual)
            .Select(p => $"{p.Path} is in solution folder '{p.Actual}', expected '{p.Expected}'");

        Assert.Empty(misplaced);
    }

    [Fact]
    public void Solution_EveryProjectInTheRepository_IsInTheSolution()
    {
        var inSolution = ReadSolution(Path.Combine(RepositoryPaths.Root, "Partnership.sln")).Projects.Select(p => p.Path).ToHashSet();

        var missing = new[] { "services", "testing", "tests", "bench" }
            .SelectMany(root => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, root), "*.csproj", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'))
            .Where(path => !inSolution.Contains(path));

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("services/Storage/Partnership.Storage.csproj", "services/Storage")]
    [InlineData("tests/Partnership.Cli.Tests/Partnership.Cli.Tests.csproj", "tests")]
    [InlineData("testing/Partnership.TestSidecar/Partnership.TestSidecar.csproj", "testing")]
    public void ExpectedFolder_ProjectPath_IsItsDirectoryLessAFolderNamedAfterIt(string project, string folder) =>
        Assert.Equal(folder, ExpectedFolder(project));

    // A directory named after its project is the project itself, not a folder (what `dotnet sln add` does).
    private static string ExpectedFolder(string projectPath)
    {
        var directories = projectPath.Split('/')[..^1];
        var name = Path.GetFileNameWithoutExtension(projectPath);
        return string.Join('/', directories[^1] == name ? directories[..^1] : directories);
    }

    private static Solution ReadSolution(string path)
    {
        var text = File.ReadAllText(path);
        var entries = ProjectLine().Matches(text)
            .Select(m => (Type: m.Groups["type"].Value, Name: m.Groups["name"].Value, Path: m.Groups["path"].Value.Replace('\\', '/'), Id: m.Groups["id"].Value))
            .ToList();
        var parents = NestedLine().Matches(text).ToDictionary(m => m.Groups["child"].Value, m => m.Groups["parent"].Value);
        var folders = entries.Where(e => e.Type == SolutionFolderType).ToDictionary(e => e.Id, e => e.Name);
        var projects = entries.Where(e => e.Type != SolutionFolderType).Select(e => (e.Path, e.Id)).ToList();
        return new Solution(projects, parents, folders);
    }

    private sealed record Solution(
        IReadOnlyList<(string Path, string Id)> Projects,
        IReadOnlyDictionary<string, string> Parents,
        IReadOnlyDictionary<string, string> Folders)
    {
        public string FolderOf(string id)
        {
            var names = new List<string>();
            for (var current = id; Parents.TryGetValue(current, out var parent); current = parent)
            {
                names.Add(Folders[parent]);
            }

            names.Reverse();
            return string.Join('/', names);
        }
    }

    [GeneratedRegex("""^Project\("\{(?<type>[^}]+)\}"\) = "(?<name>[^"]+)", "(?<path>[^"]+)", "\{(?<id>[^}]+)\}"\r?$""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    [GeneratedRegex("""^\s*\{(?<child>[^}]+)\} = \{(?<parent>[^}]+)\}\s*$""", RegexOptions.Multiline)]
    private static partial Regex NestedLine();
}
