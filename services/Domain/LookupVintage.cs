namespace Partnership.Domain;

/// <summary>
/// One lookup file and the date its rows apply from. They apply until the next vintage's date: a
/// vintage is the whole geography on its dates, so a district missing from a later one has ended.
/// </summary>
public sealed record LookupVintage(string Source, DateOnly EffectiveFrom, IReadOnlyList<LookupRow> Rows);
