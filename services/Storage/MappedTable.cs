using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Partnership.Storage;

/// <summary>
/// An entity's table as raw SQL names it: the table and column names the EF model gives it, quoted as
/// the provider quotes them, so a renamed table or column cannot leave a statement behind; and its
/// columns' values as stored. One per model (<see cref="Of{T}"/>).
/// </summary>
public sealed class MappedTable
{
    private readonly StoreObjectIdentifier _store;
    private readonly ISqlGenerationHelper _sql;

    private MappedTable(IEntityType entity, ISqlGenerationHelper sql)
    {
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} is not mapped to a table.");
        Entity = entity;
        _store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        _sql = sql;
        Name = sql.DelimitIdentifier(table, entity.GetSchema());
        Values = [.. entity.GetProperties().Select(p => new StoredValue(p))];
    }

    public IEntityType Entity { get; }

    /// <summary>The table's name, schema-qualified if it has one, quoted.</summary>
    public string Name { get; }

    /// <summary>Every property's value as stored, in the model's order of its properties.</summary>
    public IReadOnlyList<StoredValue> Values { get; }

    /// <summary>The quoted name of the column that holds <paramref name="property"/>.</summary>
    public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_store) ?? property.Name);

    /// <summary>The quoted name of the column that holds the property named <paramref name="property"/>.</summary>
    public string Column(string property) =>
        Column(Entity.FindProperty(property) ?? throw new InvalidOperationException($"{Entity.DisplayName()} has no property {property}."));

    /// <summary>The table of <typeparamref name="T"/> in the model of <paramref name="db"/>.</summary>
    public static MappedTable Of<T>(DbContext db)
        where T : class => Tables<T>.ByModel.For(db);

    private static class Tables<T>
        where T : class
    {
        public static readonly ModelCache<MappedTable> ByModel = new(db => new MappedTable(
            db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model of {db.GetType().Name}."),
            db.GetService<ISqlGenerationHelper>()));
    }
}
