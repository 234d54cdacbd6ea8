namespace Partnership.Dapr.Tests.Processes;

/// <summary>Where the built service and sidecar assemblies are, in the configuration the tests were built in.</summary>
public static class BuiltApp
{
    private static readonly string RepositoryRoot = FindRoot();

    // …/tests/Partnership.Dapr.Tests/bin/{Configuration}/net10.0/
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Reporting => Dll("services/Reporting", "Partnership.Reporting");

    public static string CrimeMeasures => Dll("services/CrimeMeasures", "Partnership.CrimeMeasures");

    public static string TestSidecar => Dll("tests/Partnership.TestSidecar", "Partnership.TestSidecar");

    public static string DeployDirectory => Path.Combine(RepositoryRoot, "deploy");

    private static string Dll(string project, string name)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} ({Configuration}) first.", path);
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

        throw new InvalidOperationException("Partnership.sln not found above " + AppContext.BaseDirectory);
    }
}
