using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Partnership.Domain;

/// <summary>
/// Reads the ONS mid-year population estimates table as analysts download it (the MYE "persons"
/// sheet saved as CSV): one file per mid-year, one row per area with the columns <c>Code, Name,
/// Geography, All ages</c> and usually a column per single year of age after them. Only
/// <c>Code</c> and <c>All ages</c> are read, in any order; title lines above the header are
/// skipped, as are empty lines. The file does not say its year or vintage, so the operator gives
/// both. A file is accepted whole or refused with every problem named by line and column.
/// </summary>
public static partial class OnsPopulationReader
{
    private const string CodeColumn = "Code";
    private const string PopulationColumn = "All ages";

    public static IReadOnlyList<PopulationEstimate> Read(TextReader reader, string source, int year, string vintage)
    {
        var problems = new List<LookupProblem>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = args => problems.Add(new LookupProblem(args.Context.Parser?.RawRow ?? 0, "row", $"has a stray quote: {args.RawRecord.Trim()}")),
        };
        using var csv = new CsvReader(reader, configuration);
        (int Code, int Population)? columns = null;
        var estimates = new List<PopulationEstimate>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            var line = csv.Parser.RawRow;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columns is not { } found)
            {
                columns = FindHeader(record);
                continue;
            }

            var before = problems.Count;
            var code = Field(record, found.Code, line, CodeColumn, problems);
            var text = Field(record, found.Population, line, PopulationColumn, problems);
            if (code.Length > 0 && !AreaCode().IsMatch(code))
            {
                problems.Add(new LookupProblem(line, CodeColumn, $"'{code}' is not an ONS area code (a letter and eight digits, e.g. E08000035)"));
            }

            if (text.Length > 0 && !Count().IsMatch(text))
            {
                problems.Add(new LookupProblem(line, PopulationColumn, $"'{text}' is not a whole number of residents"));
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (!seen.TryAdd(code, line))
            {
                problems.Add(new LookupProblem(line, CodeColumn, $"'{code}' is on line {seen[code]} too; an area has one estimate a year"));
                continue;
            }

            estimates.Add(new PopulationEstimate(code, year, long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), vintage));
        }

        if (columns is null && problems.Count == 0)
        {
            problems.Add(new LookupProblem(1, "header", $"no header line with the columns '{CodeColumn}' and '{PopulationColumn}'"));
        }
        else if (estimates.Count == 0 && problems.Count == 0)
        {
            problems.Add(new LookupProblem(2, "row", "the file has a header but no areas"));
        }

        return problems.Count > 0 ? throw new PopulationFileException(source, problems) : estimates;
    }

    /// <summary>Reads an operator's file; the year and vintage are required, since the file itself does not say them.</summary>
    public static IReadOnlyList<PopulationEstimate> ReadFile(PopulationFileOptions file)
    {
        if (file.Year is not { } year || string.IsNullOrWhiteSpace(file.Vintage))
        {
            throw new InvalidDataException($"The population estimates file '{file.Path}' needs its mid-year (Populations:Files:N:Year) and vintage (Populations:Files:N:Vintage), e.g. 2023 and \"ONS mid-2023 estimates, published July 2024\".");
        }

        using var reader = new StreamReader(file.Path);
        return Read(reader, file.Path, year, file.Vintage.Trim());
    }

    private static (int Code, int Population)? FindHeader(string[] record)
    {
        var code = Array.FindIndex(record, c => c.Trim().Equals(CodeColumn, StringComparison.OrdinalIgnoreCase));
        var population = Array.FindIndex(record, c => c.Trim().Equals(PopulationColumn, StringComparison.OrdinalIgnoreCase));
        return code >= 0 && population >= 0 ? (code, population) : null;
    }

    private static string Field(string[] record, int index, int line, string name, List<LookupProblem> problems)
    {
        if (index >= record.Length || record[index].Length == 0)
        {
            problems.Add(new LookupProblem(line, name, "is empty"));
            return "";
        }

        return record[index];
    }

    [GeneratedRegex("^[EWSNK][0-9]{8}$")]
    private static partial Regex AreaCode();

    // A thousands separator is read only where it is unambiguous: every group of three digits.
    [GeneratedRegex("^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)$")]
    private static partial Regex Count();
}
