namespace Partnership.SystemTests.EndToEnd;

/// <summary>A partner's CSV return written to a temporary file, deleted on dispose.</summary>
public sealed class CsvFile : IDisposable
{
    public CsvFile(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"partnership-return-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
