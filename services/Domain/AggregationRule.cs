namespace Partnership.Domain;

/// <summary>How district figures make a county figure (see docs/domain.md).</summary>
public enum AggregationRule
{
    Sum,
    Ratio,
    SnapshotSum,
    CountyOnly,
}
