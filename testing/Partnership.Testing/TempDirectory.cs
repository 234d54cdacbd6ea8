namespace Partnership.Testing;

/// <summary>A folder of its own for the files a test writes, deleted with everything in it when the test is done.</summary>
public sealed class TempDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Where a file of this name goes in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes the lines to a file of this name in the folder and gives its path.</summary>
    public string Write(string name, params IEnumerable<string> lines)
    {
        var path = File(name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
