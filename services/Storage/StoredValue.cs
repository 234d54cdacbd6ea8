using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Partnership.Storage;

/// <summary>
/// Reads one mapped property of an entity as the provider stores it: through the property's value
/// converter (an enum as its name, say), as <c>SaveChanges</c> would write it. Raw SQL and bulk copies
/// bypass EF's own conversion; reading their values here keeps them stored the same. Built once per
/// model (its getter and converter looked up then), it reads a row without allocating beyond the
/// boxed value itself: the bulk insert and the read model call it for every column of every row.
/// </summary>
public sealed class StoredValue
{
    private readonly IClrPropertyGetter _getter;
    private readonly ValueConverter? _converter;

    public StoredValue(IProperty property)
    {
        Property = property;
        Mapping = property.GetRelationalTypeMapping();
        _getter = property.GetGetter();
        _converter = Mapping.Converter ?? property.GetValueConverter();
        ClrType = _converter?.ProviderClrType ?? property.ClrType;
    }

    public IProperty Property { get; }

    public RelationalTypeMapping Mapping { get; }

    /// <summary>The type of the values <see cref="Of"/> returns (an enum stored as text: <see cref="string"/>).</summary>
    public Type ClrType { get; }

    /// <summary>The property's value on <paramref name="entity"/> as stored; null for NULL.</summary>
    public object? Of(object entity)
    {
        var value = _getter.GetClrValue(entity);
        return value is not null && _converter is { } converter ? converter.ConvertToProvider(value) : value;
    }
}
