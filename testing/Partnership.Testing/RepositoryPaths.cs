namespace Partnership.Testing;

/// <summary>Finds the repository and the build outputs of its projects, in the configuration the tests were built in.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release", read off the test assembly's own output path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built dll of a project under services/, e.g. ("LocalHost", "Partnership.LocalHost").</summary>
    public static string ServiceAssembly(string folder, string assemblyName)
    {
        var path = Path.Combine(Root, "services", folder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build Partnership.sln first.", path);
    }

    private static string FindRoot()
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
}
