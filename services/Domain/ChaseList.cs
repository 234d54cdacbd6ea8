using System.Globalization;

namespace Partnership.Domain;

/// <summary>One return the OPCC should chase: who owes it (the service, the area and, where several partners report for one area, the source) and how late it is.</summary>
public sealed record ChaseItem(string Service, AreaDefinition Area, string Source, Period Period, ReturnTimeliness Timeliness);

/// <summary>The OPCC's chase list: every expected return that is overdue or missing, as CSV for a spreadsheet or a mail merge.</summary>
public static class ChaseList
{
    public const string Header = "area_code,area_name,service,source,period,due_date,state,working_days_overdue";

    /// <summary>Overdue and missing returns only, by area name, then service, source and period.</summary>
    public static IReadOnlyList<ChaseItem> Of(IEnumerable<ChaseItem> expected) => InOrder(expected.Where(i => i.Timeliness.IsChased));

    /// <summary>By area name, then service, source and period: the order the chase list and the calendar page show.</summary>
    public static IReadOnlyList<ChaseItem> InOrder(IEnumerable<ChaseItem> items) =>
        [.. items
            .OrderBy(i => i.Area.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Service, StringComparer.Ordinal)
            .ThenBy(i => i.Source, StringComparer.Ordinal)
            .ThenBy(i => i.Period.Start)];

    public static void WriteCsv(TextWriter output, IEnumerable<ChaseItem> expected)
    {
        output.WriteLine(Header);
        foreach (var item in Of(expected))
        {
            output.WriteLine(string.Join(',',
                CsvCell.Write(item.Area.Code),
                CsvCell.Write(item.Area.Name),
                CsvCell.Write(item.Service),
                CsvCell.Write(item.Source),
                CsvCell.Write(item.Period.Label),
                item.Timeliness.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                StateName(item.Timeliness.State),
                item.Timeliness.WorkingDaysLate?.ToString(CultureInfo.InvariantCulture) ?? ""));
        }
    }

    /// <summary>The state as written in CSV and tables: "received", "received late", "due", "overdue", "missing".</summary>
    public static string StateName(ReturnState state) => state switch
    {
        ReturnState.Received => "received",
        ReturnState.ReceivedLate => "received late",
        ReturnState.Due => "due",
        ReturnState.Overdue => "overdue",
        _ => "missing",
    };
}
