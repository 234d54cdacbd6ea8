namespace Partnership.Storage;

/// <summary>A context that declares its schema's steps, which together must create every table of its model.</summary>
public interface IVersionedSchema
{
    IReadOnlyList<SchemaStep> SchemaSteps { get; }
}
