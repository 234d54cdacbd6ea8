using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Partnership.Domain;

/// <summary>
/// Reads the ONS "Local Authority District to Community Safety Partnership to Police Force Area"
/// lookup as analysts download it: one row per district, columns <c>LADyyCD, LADyyNM, CSPyyCD,
/// CSPyyNM, PFAyyCD, PFAyyNM</c> whatever the year digits, in any order, other columns ignored.
/// A file is accepted whole or refused with every problem named by line and column.
/// </summary>
public static partial class OnsLookupReader
{
    /// <summary>
    /// Reads one vintage. <paramref name="partnershipCodesRequired"/> is false only for data that
    /// says it does not know its partnership codes (the built-in file); an ONS download has them all.
    /// </summary>
    public static LookupVintage Read(TextReader reader, string source, DateOnly effectiveFrom, bool partnershipCodesRequired = true)
    {
        var problems = new List<LookupProblem>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = args => problems.Add(new LookupProblem(args.Context.Parser?.RawRow ?? 0, "row", $"has a stray quote: {args.RawRecord.Trim()}")),
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read())
        {
            throw new LookupFileException(source, [new LookupProblem(1, "header", "the file is empty")]);
        }

        csv.ReadHeader();
        var columns = FindColumns(csv.HeaderRecord ?? [], problems);
        if (problems.Count > 0)
        {
            throw new LookupFileException(source, problems);
        }

        var rows = new List<LookupRow>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            var line = csv.Parser.RawRow;
            var row = ReadRow(record, line, columns, partnershipCodesRequired, problems);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        CheckConsistency(rows, columns, problems);
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new LookupProblem(2, "row", "the file has a header but no districts"));
        }

        return problems.Count > 0
            ? throw new LookupFileException(source, problems)
            : new LookupVintage(source, effectiveFrom, rows);
    }

    public static LookupVintage ReadFile(string path, DateOnly effectiveFrom)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, effectiveFrom);
    }

    private static Columns FindColumns(string[] header, List<LookupProblem> problems)
    {
        int Find(string entity, string part)
        {
            var matches = header
                .Select((name, index) => (name, index))
                .Where(c => ColumnPattern().Match(c.name) is { Success: true } m
                    && m.Groups["entity"].Value.Equals(entity, StringComparison.OrdinalIgnoreCase)
                    && m.Groups["part"].Value.Equals(part, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 1)
            {
                return matches[0].index;
            }

            problems.Add(new LookupProblem(1, $"{entity}yy{part}", matches.Count == 0
                ? $"no column {entity}yy{part} (e.g. {entity}23{part}); the header is: {string.Join(",", header)}"
                : $"{matches.Count} columns could be it ({string.Join(", ", matches.Select(m => m.name))}); keep one vintage per file"));
            return -1;
        }

        return new Columns(header, Find("LAD", "CD"), Find("LAD", "NM"), Find("CSP", "CD"), Find("CSP", "NM"), Find("PFA", "CD"), Find("PFA", "NM"));
    }

    private static LookupRow? ReadRow(string[] record, int line, Columns columns, bool partnershipCodesRequired, List<LookupProblem> problems)
    {
        var before = problems.Count;
        string Field(int index, string description, Func<string, bool>? isValid = null, bool optional = false)
        {
            var name = columns.Header[index];
            if (index >= record.Length)
            {
                problems.Add(new LookupProblem(line, name, $"is missing: the row has {record.Length} fields, the header {columns.Header.Length}"));
                return "";
            }

            var value = record[index];
            if (value.Length == 0)
            {
                if (!optional)
                {
                    problems.Add(new LookupProblem(line, name, $"is empty; it should hold {description}"));
                }
            }
            else if (isValid is not null && !isValid(value))
            {
                problems.Add(new LookupProblem(line, name, $"'{value}' is not {description}"));
            }

            return value;
        }

        var districtCode = Field(columns.DistrictCode, "a district code (E06, E07, E08, E09 or W06 and six digits)", GssCodes.IsDistrict);
        var districtName = Field(columns.DistrictName, "the district's name");
        var partnershipCode = Field(columns.PartnershipCode, "a community safety partnership code (E22 or W22 and six digits)", GssCodes.IsPartnership, optional: !partnershipCodesRequired);
        var partnershipName = Field(columns.PartnershipName, "the partnership's name");
        var forceCode = Field(columns.ForceCode, "a police force area code (E23 or W15 and six digits)", GssCodes.IsForce);
        var forceName = Field(columns.ForceName, "the force area's name");
        return problems.Count > before
            ? null
            : new LookupRow(line, districtCode, districtName, partnershipCode.Length == 0 ? null : partnershipCode, partnershipName, forceCode, forceName);
    }

    // One district once, one partnership in one force, one name per code: otherwise a date has two answers.
    private static void CheckConsistency(List<LookupRow> rows, Columns columns, List<LookupProblem> problems)
    {
        var districts = new Dictionary<string, LookupRow>(StringComparer.Ordinal);
        var partnerships = new Dictionary<string, LookupRow>(StringComparer.Ordinal);
        var forces = new Dictionary<string, LookupRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!districts.TryAdd(row.DistrictCode, row))
            {
                problems.Add(new LookupProblem(row.Line, columns.Header[columns.DistrictCode], $"'{row.DistrictCode}' is on line {districts[row.DistrictCode].Line} too; a district is in one partnership"));
            }

            if (!partnerships.TryAdd(row.PartnershipKey, row) && partnerships[row.PartnershipKey] is var first)
            {
                if (first.ForceCode != row.ForceCode)
                {
                    problems.Add(new LookupProblem(row.Line, columns.Header[columns.ForceCode], $"puts partnership '{row.PartnershipKey}' in {row.ForceCode}, but line {first.Line} puts it in {first.ForceCode}; a partnership is in one force"));
                }
                else if (first.PartnershipName != row.PartnershipName)
                {
                    problems.Add(new LookupProblem(row.Line, columns.Header[columns.PartnershipName], $"names partnership {row.PartnershipKey} '{row.PartnershipName}', but line {first.Line} names it '{first.PartnershipName}'"));
                }
            }

            if (!forces.TryAdd(row.ForceCode, row) && forces[row.ForceCode].ForceName != row.ForceName)
            {
                problems.Add(new LookupProblem(row.Line, columns.Header[columns.ForceName], $"names force area {row.ForceCode} '{row.ForceName}', but line {forces[row.ForceCode].Line} names it '{forces[row.ForceCode].ForceName}'"));
            }
        }
    }

    [GeneratedRegex("^(?<entity>LAD|CSP|PFA)[0-9]{2}(?<part>CD|NM)$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnPattern();

    private sealed record Columns(string[] Header, int DistrictCode, int DistrictName, int PartnershipCode, int PartnershipName, int ForceCode, int ForceName);
}
