using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Partnership.Storage;

/// <summary>
/// Something made from a context's model on first use and kept as long as the model lives: raw SQL
/// named from it, say. EF builds one model per context type and provider, so a static per context type
/// would hand SQLite's names to PostgreSQL in a process that holds both (the tests do). A look-up
/// allocates nothing: it runs for every statement on the submission and apply paths.
/// </summary>
public sealed class ModelCache<T>(Func<DbContext, T> create)
    where T : class
{
    private readonly ConditionalWeakTable<IModel, T> _byModel = new();

    public T For(DbContext db) => _byModel.GetOrAdd(db.Model, static (_, state) => state.create(state.db), (create, db));
}
