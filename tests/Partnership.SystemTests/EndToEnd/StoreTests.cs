using Partnership.Testing;

namespace Partnership.SystemTests.EndToEnd;

/// <summary>
/// A test class that runs on one store, SQLite files or databases on the shared throwaway PostgreSQL
/// (a subclass per database), and removes it afterwards.
/// </summary>
public abstract class StoreTests(TestStore store) : IDisposable
{
    protected TestStore Store => store;

    public void Dispose()
    {
        store.Dispose();
        GC.SuppressFinalize(this);
    }
}
