using System.Xml.Linq;
using Partnership.Testing;

namespace Partnership.Domain.Tests;

/// <summary>
/// The solution's dependency rules, read from the project files themselves, so a reference that lets
/// one part of the exchange grow into another fails the day it is added. A project breaks a rule
/// whether it reaches the forbidden project directly or through another one: either way the forbidden
/// code is built into it.
/// </summary>
public class ProjectReferenceTests
{
    private static readonly string[] Roots = ["services", "testing", "tests", "bench"];

    private static readonly string[] DomainServices = ["CrimeMeasures", "JusticeBoard", "VictimServices", "Safeguarding", "Reporting"];

    private static readonly Lazy<Dictionary<string, List<string>>> References = new(() => ReadReferences(RepositoryPaths.Root));

    /// <summary>Each rule: no project under the first folder may reach a project under the second, and why.</summary>
    public static TheoryData<string, string, string> Rules()
    {
        var rules = new TheoryData<string, string, string>();
        foreach (var service in DomainServices)
        {
            foreach (var other in DomainServices.Where(other => other != service))
            {
                rules.Add($"services/{service}/", $"services/{other}/", "each domain service owns its data and is deployed on its own");
            }
        }

        rules.Add("services/Reporting/", "services/Submissions/", "the aggregator is the read side: it takes events, not the submission pipeline, its outbox or its audit");
        rules.Add("services/", "tests/", "what ships does not carry test code");
        rules.Add("services/", "testing/", "what ships does not carry test fixtures or the test sidecar");
        rules.Add("testing/", "tests/", "test support serves the tests and the benchmarks; it does not depend on either");
        rules.Add("tests/", "tests/", "a test project stands alone: what tests share lives in testing/");
        return rules;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void ProjectReferences_ForbiddenFolder_NoProjectReachesIt(string from, string forbidden, string why)
    {
        var violations = Violations(References.Value, from, forbidden);

        if (violations.Count > 0)
        {
            Assert.Fail($"No project under {from} may reference one under {forbidden} ({why}):{Environment.NewLine}"
                + string.Join(Environment.NewLine, violations));
        }
    }

    // A reader that found no project, or resolved no path, would pass every rule above.
    [Fact]
    public void ReadReferences_Repository_FindsProjectsUnderEveryRootAndResolvesTheirReferences()
    {
        var references = References.Value;

        foreach (var root in Roots)
        {
            Assert.Contains(references.Keys, project => project.StartsWith(root + "/", StringComparison.Ordinal));
        }

        Assert.Contains("services/ServiceDefaults/Partnership.ServiceDefaults.csproj", references["services/Reporting/Partnership.Reporting.csproj"]);
    }

    /// <summary>Every project under <paramref name="from"/> that reaches one under <paramref name="forbidden"/>, and how.</summary>
    private static List<string> Violations(Dictionary<string, List<string>> references, string from, string forbidden)
    {
        var violations = new List<string>();
        foreach (var project in references.Keys.Where(p => p.StartsWith(from, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // Breadth first, remembering what led to each project, so the message can name the way in.
            var reachedFrom = new Dictionary<string, string>(StringComparer.Ordinal) { [project] = project };
            var pending = new Queue<string>([project]);
            while (pending.TryDequeue(out var current))
            {
                foreach (var reference in references.GetValueOrDefault(current, []))
                {
                    if (!reachedFrom.TryAdd(reference, current))
                    {
                        continue;
                    }

                    if (reference.StartsWith(forbidden, StringComparison.Ordinal))
                    {
                        violations.Add(current == project
                            ? $"  {project} references {reference}"
                            : $"  {project} references {reference} through {string.Join(" -> ", Way(reachedFrom, project, current))}");
                    }
                    else
                    {
                        pending.Enqueue(reference);
                    }
                }
            }
        }

        return violations;
    }

    private static IEnumerable<string> Way(Dictionary<string, string> reachedFrom, string start, string end)
    {
        var way = new List<string>();
        for (var step = end; step != start; step = reachedFrom[step])
        {
            way.Add(step);
        }

        way.Reverse();
        return way;
    }

    /// <summary>Each project under the roots, by its path from the repository root, with the projects it references.</summary>
    private static Dictionary<string, List<string>> ReadReferences(string repositoryRoot)
    {
        var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var root in Roots)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(repositoryRoot, root), "*.csproj", SearchOption.AllDirectories))
            {
                var directory = Path.GetDirectoryName(file)!;
                references[FromRoot(repositoryRoot, file)] = XDocument.Load(file).Descendants()
                    .Where(element => element.Name.LocalName == "ProjectReference")
                    .Select(element => (string?)element.Attribute("Include")
                        ?? throw new InvalidOperationException($"{file} has a ProjectReference without Include."))
                    .Select(include => include.Contains("$(", StringComparison.Ordinal)
                        ? throw new InvalidOperationException($"{file} references {include}: a path built from properties cannot be checked here.")
                        : FromRoot(repositoryRoot, Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/')))))
                    .ToList();
            }
        }

        return references;
    }

    private static string FromRoot(string repositoryRoot, string path) => Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
}
