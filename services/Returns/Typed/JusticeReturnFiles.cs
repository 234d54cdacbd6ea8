using Google.Protobuf;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Justice.V1;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Returns.Typed;

/// <summary>
/// The criminal justice board's returns as files: each typed call of partnership.justice.v1 has its
/// own CSV, one row per court, court type, age group or framework measure. Rows are read here only
/// as far as the file goes (numbers, dates, periods, choices); the service checks the rules (bands
/// add up, outcomes add up, no negative counts) and its rejections come back to the same lines.
/// </summary>
public static class JusticeReturnFiles
{
    public const string CourtColumn = "court";
    public const string SnapshotDate = "snapshot_date";
    public const string Under13Weeks = "under_13_weeks";
    public const string Weeks13To26 = "weeks_13_to_26";
    public const string Weeks26To52 = "weeks_26_to_52";
    public const string Over52Weeks = "over_52_weeks";
    public const string Total = "total";
    public const string FlowPeriod = "flow_period";
    public const string Receipts = "receipts";
    public const string Disposals = "disposals";
    public const string CourtTypeColumn = "court_type";
    public const string ForceArea = "force_area";
    public const string PeriodColumn = "period";
    public const string Listed = "listed";
    public const string Effective = "effective";
    public const string Cracked = "cracked";
    public const string Ineffective = "ineffective";
    public const string Vacated = "vacated";
    public const string FirstHearings = "first_hearings";
    public const string EarlyGuiltyPleas = "early_guilty_pleas";
    public const string CompletedCases = "completed_cases";
    public const string TotalDays = "total_days_charge_to_completion";
    public const string AgeGroupColumn = "age_group";
    public const string CohortSize = "cohort_size";
    public const string Reoffenders = "reoffenders";
    public const string EntrantsCount = "count";
    public const string MeasureCode = "measure_code";
    public const string DataSource = "data_source";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string StatusColumn = "status";
    public const string NoteColumn = "note";

    private const string ExamplePeriod = "FY2024/25-H1";

    private static readonly Dictionary<string, CourtType> CourtTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["crown"] = CourtType.Crown,
        ["magistrates"] = CourtType.Magistrates,
    };

    private static readonly Dictionary<string, AgeGroup> AgeGroups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["adult"] = AgeGroup.Adult,
        ["youth"] = AgeGroup.Youth,
    };

    /// <summary>The service's field names that are not the column's name; every other field is named as its column.</summary>
    public static IReadOnlyDictionary<string, string> FieldColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["court_code"] = CourtColumn,
        ["outstanding_total"] = Total,
        ["force_area_code"] = ForceArea,
        ["cohort_period"] = PeriodColumn,
        ["entrants_period"] = PeriodColumn,
    };

    /// <summary>Every justice return's columns by type, for its workbook template: its figures are counts, and the court type, age group and status are drop-downs.</summary>
    private static TemplateCells Cells { get; } = new(
        new HashSet<string>(StringComparer.Ordinal)
        {
            Under13Weeks, Weeks13To26, Weeks26To52, Over52Weeks, Total, Receipts, Disposals, Listed, Effective, Cracked, Ineffective, Vacated,
            FirstHearings, EarlyGuiltyPleas, CompletedCases, TotalDays, CohortSize, Reoffenders, EntrantsCount, Numerator, Denominator,
        },
        new HashSet<string>(StringComparer.Ordinal) { SnapshotDate },
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [CourtTypeColumn] = [.. CourtTypes.Keys],
            [AgeGroupColumn] = [.. AgeGroups.Keys],
            [StatusColumn] = [.. CsvRowReading.Statuses.Keys],
        });

    public static TypedReturnService Service { get; } = new("justice", "criminal justice board service", FieldColumns,
    [
        new("court-backlog", "court backlog return",
            Columns([CourtColumn, SnapshotDate, Under13Weeks, Weeks13To26, Weeks26To52, Over52Weeks, Total, FlowPeriod, Receipts, Disposals]),
            ReadCourtBacklog, CourtBacklogTemplate) { Cells = Cells },
        new("trials", "trial effectiveness return",
            Columns([CourtTypeColumn, ForceArea, PeriodColumn, Listed, Effective, Cracked, Ineffective, Vacated]),
            ReadTrials, (area, period) => ForceRows(area, period, CourtTypes.Keys, 5)) { Cells = Cells },
        new("case-progression", "guilty pleas and timeliness return",
            Columns([CourtTypeColumn, ForceArea, PeriodColumn, FirstHearings, EarlyGuiltyPleas, CompletedCases, TotalDays]),
            ReadCaseProgression, (area, period) => ForceRows(area, period, CourtTypes.Keys, 4)) { Cells = Cells },
        new("reoffending", "proven reoffending return",
            Columns([AgeGroupColumn, ForceArea, PeriodColumn, CohortSize, Reoffenders]),
            ReadReoffending, (area, period) => ForceRows(area, period, AgeGroups.Keys, 2)) { Cells = Cells },
        new("first-time-entrants", "first-time entrants return",
            Columns([AgeGroupColumn, ForceArea, PeriodColumn, EntrantsCount]),
            ReadFirstTimeEntrants, (area, period) => ForceRows(area, period, AgeGroups.Keys, 1)) { Cells = Cells },
        new("victims-code", "Victims' Code compliance return",
            Columns([MeasureCode, ForceArea, PeriodColumn, DataSource, Numerator, Denominator]),
            ReadVictimsCode, (_, _) => []) { Cells = Cells },
    ]);

    private static CsvColumns Columns(IReadOnlyList<string> required) => new(required, [StatusColumn, NoteColumn], [.. required, StatusColumn, NoteColumn]);

    private static TypedRequest? ReadCourtBacklog(IReadOnlyList<CsvRow> rows)
    {
        var request = new SubmitCourtBacklogRequest();
        var date = new SameOnEveryRow(SnapshotDate, "snapshot date", "a backlog return is counted on one date, so put each date in its own file");
        foreach (var row in rows)
        {
            var court = row.Required(CourtColumn, "the court code is empty (e.g. WY-CC-LEEDS)");
            if (row.Date(SnapshotDate) is { } snapshot)
            {
                date.Check(snapshot.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row);
            }

            var figures = new CourtBacklogFigures
            {
                CourtCode = court ?? "",
                Outstanding = new AgeBands
                {
                    Under13Weeks = row.Count(Under13Weeks) ?? 0,
                    Weeks13To26 = row.Count(Weeks13To26) ?? 0,
                    Weeks26To52 = row.Count(Weeks26To52) ?? 0,
                    Over52Weeks = row.Count(Over52Weeks) ?? 0,
                },
                OutstandingTotal = row.Count(Total) ?? 0,
                FlowPeriod = row.Period(FlowPeriod, ExamplePeriod)?.ToContract(),
                Receipts = row.Count(Receipts) ?? 0,
                Disposals = row.Count(Disposals) ?? 0,
                Status = ReadStatus(row),
                Note = row.Get(NoteColumn) ?? "",
                SourceLine = row.Line,
            };
            request.Courts.Add(figures);
        }

        request.SnapshotDate = date.Value ?? "";
        return Ready(rows, request, static (client, r, options) => client.SubmitCourtBacklogAsync(r, options).ResponseAsync, static (r, by) => r.SubmittedBy = by);
    }

    private static TypedRequest? ReadTrials(IReadOnlyList<CsvRow> rows) => ReadForceReturn(
        rows,
        row => new TrialOutcomes
        {
            CourtType = ReadCourtType(row),
            Listed = row.Count(Listed) ?? 0,
            Effective = row.Count(Effective) ?? 0,
            Cracked = row.Count(Cracked) ?? 0,
            Ineffective = row.Count(Ineffective) ?? 0,
            Vacated = row.Count(Vacated) ?? 0,
            SourceLine = row.Line,
        },
        (shared, items) =>
        {
            var request = new SubmitTrialEffectivenessRequest { ForceAreaCode = shared.Area, Period = shared.Period, Status = shared.Status, Note = shared.Note };
            request.CourtTypes.AddRange(items);
            return request;
        },
        static (client, r, options) => client.SubmitTrialEffectivenessAsync(r, options).ResponseAsync,
        static (r, by) => r.SubmittedBy = by);

    private static TypedRequest? ReadCaseProgression(IReadOnlyList<CsvRow> rows) => ReadForceReturn(
        rows,
        row => new CaseProgressionFigures
        {
            CourtType = ReadCourtType(row),
            FirstHearings = row.Count(FirstHearings) ?? 0,
            EarlyGuiltyPleas = row.Count(EarlyGuiltyPleas) ?? 0,
            CompletedCases = row.Count(CompletedCases) ?? 0,
            TotalDaysChargeToCompletion = row.Count(TotalDays) ?? 0,
            SourceLine = row.Line,
        },
        (shared, items) =>
        {
            var request = new SubmitCaseProgressionRequest { ForceAreaCode = shared.Area, Period = shared.Period, Status = shared.Status, Note = shared.Note };
            request.CourtTypes.AddRange(items);
            return request;
        },
        static (client, r, options) => client.SubmitCaseProgressionAsync(r, options).ResponseAsync,
        static (r, by) => r.SubmittedBy = by);

    // Reoffending and first-time entrants share a call but not a window, so each is its own file.
    private static TypedRequest? ReadReoffending(IReadOnlyList<CsvRow> rows) => ReadForceReturn(
        rows,
        row => new ReoffendingCohort { AgeGroup = ReadAgeGroup(row), CohortSize = row.Count(CohortSize) ?? 0, Reoffenders = row.Count(Reoffenders) ?? 0, SourceLine = row.Line },
        (shared, items) =>
        {
            var request = new SubmitReoffendingRequest { ForceAreaCode = shared.Area, CohortPeriod = shared.Period, Status = shared.Status, Note = shared.Note };
            request.Cohorts.AddRange(items);
            return request;
        },
        static (client, r, options) => client.SubmitReoffendingAsync(r, options).ResponseAsync,
        static (r, by) => r.SubmittedBy = by);

    private static TypedRequest? ReadFirstTimeEntrants(IReadOnlyList<CsvRow> rows) => ReadForceReturn(
        rows,
        row => new FirstTimeEntrants { AgeGroup = ReadAgeGroup(row), Count = row.Count(EntrantsCount) ?? 0, SourceLine = row.Line },
        (shared, items) =>
        {
            var request = new SubmitReoffendingRequest { ForceAreaCode = shared.Area, EntrantsPeriod = shared.Period, Status = shared.Status, Note = shared.Note };
            request.FirstTimeEntrants.AddRange(items);
            return request;
        },
        static (client, r, options) => client.SubmitReoffendingAsync(r, options).ResponseAsync,
        static (r, by) => r.SubmittedBy = by);

    /// <summary>A force-level return: one item per row, and the area, period, status and note it holds once.</summary>
    private static TypedRequest? ReadForceReturn<TRequest, TItem>(
        IReadOnlyList<CsvRow> rows,
        Func<CsvRow, TItem> readItem,
        Func<ForceReturn, IReadOnlyList<TItem>, TRequest> build,
        Func<JusticeBoard.JusticeBoardClient, TRequest, CallOptions, Task<SubmitJusticeReturnResponse>> submit,
        Action<TRequest, string> setSubmittedBy)
        where TRequest : IMessage
    {
        var shared = new ForceReturn(rows);
        var items = rows.Select(readItem).ToList();
        return Ready(rows, build(shared, items), submit, setSubmittedBy);
    }

    private static TypedRequest? ReadVictimsCode(IReadOnlyList<CsvRow> rows)
    {
        var request = new SubmitVictimsCodeComplianceRequest();
        // Each figure keeps its own note, so the return-level note column is the figures'.
        var shared = new ForceReturn(rows, sharedNote: false);
        var source = new SameOnEveryRow(DataSource, "data source", "a return holds one source's figures, so put each source in its own file");
        foreach (var row in rows)
        {
            if (row.Required(DataSource, "the data source is empty (e.g. police)") is { } dataSource)
            {
                source.Check(dataSource, row);
            }

            request.Figures.Add(new ComplianceFigure
            {
                MeasureCode = row.Required(MeasureCode, "the measure code is empty (e.g. vps_offered)") ?? "",
                Numerator = row.Count(Numerator) ?? 0,
                Denominator = row.Count(Denominator) ?? 0,
                Note = row.Get(NoteColumn) ?? "",
                SourceLine = row.Line,
            });
        }

        (request.ForceAreaCode, request.Period, request.Status, request.DataSource) = (shared.Area, shared.Period, shared.Status, source.Value ?? "");
        return Ready(rows, request, static (client, r, options) => client.SubmitVictimsCodeComplianceAsync(r, options).ResponseAsync, static (r, by) => r.SubmittedBy = by);
    }

    /// <summary>The request, unless a row had a problem; sending sets who submits it and reads back each stored return.</summary>
    private static TypedRequest? Ready<TRequest>(
        IReadOnlyList<CsvRow> rows,
        TRequest request,
        Func<JusticeBoard.JusticeBoardClient, TRequest, CallOptions, Task<SubmitJusticeReturnResponse>> submit,
        Action<TRequest, string> setSubmittedBy)
        where TRequest : IMessage
    {
        if (rows.Any(r => r.HasProblems))
        {
            return null;
        }

        return new TypedRequest(request, async (channel, submittedBy, options) =>
        {
            setSubmittedBy(request, submittedBy);
            var response = await submit(new JusticeBoard.JusticeBoardClient(channel), request, options);
            return [.. response.Returns.Select(r => new SubmitOutcome(r.ReturnId, r.Revision, r.ObservationsAccepted, r.Source))];
        });
    }

    private static CourtType ReadCourtType(CsvRow row)
    {
        row.Required(CourtTypeColumn, "the court type is empty (crown or magistrates)");
        return row.Choice(CourtTypeColumn, CourtTypes, "crown or magistrates") ?? CourtType.Unspecified;
    }

    private static AgeGroup ReadAgeGroup(CsvRow row)
    {
        row.Required(AgeGroupColumn, "the age group is empty (adult or youth)");
        return row.Choice(AgeGroupColumn, AgeGroups, "adult or youth") ?? AgeGroup.Unspecified;
    }

    private static Proto.ObservationStatus ReadStatus(CsvRow row) =>
        row.Choice(StatusColumn, CsvRowReading.Statuses, CsvRowReading.StatusChoices) is { } status ? (Proto.ObservationStatus)((int)status + 1) : Proto.ObservationStatus.Unspecified;

    private static IEnumerable<IReadOnlyList<string>> CourtBacklogTemplate(string area, Domain.Period? period)
    {
        // The courts are data the tool carries, like the measure catalogue; a force's template lists its courts.
        var courts = area.Length == 0 ? [] : Domain.Courts.Load(Domain.Geography.Load()).OfForce(area);
        var date = period is { } p ? p.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
        var flow = period is { IsSnapshot: false } window ? window.Label : "";
        return courts.Select(c => (IReadOnlyList<string>)[c.Code, date, "", "", "", "", "", flow, "", "", "", ""]);
    }

    private static IEnumerable<IReadOnlyList<string>> ForceRows(string area, Domain.Period? period, IEnumerable<string> keys, int figures) =>
        keys.Select(key => (IReadOnlyList<string>)[key, area, period?.Label ?? "", .. Enumerable.Repeat("", figures + 2)]);

    /// <summary>The columns a force-level return holds once (area, period, status, note), each the same on every row.</summary>
    private sealed class ForceReturn
    {
        public ForceReturn(IReadOnlyList<CsvRow> rows, bool sharedNote = true)
        {
            var area = new SameOnEveryRow(ForceArea, "area", "a return is for one force area, so put each in its own file");
            var period = new SameOnEveryRow(PeriodColumn, "period", "a return is for one period, so put each period in its own file");
            var status = new SameOnEveryRow(StatusColumn, "status", "the status is the whole return's, so give it once or the same on every row");
            var note = new SameOnEveryRow(NoteColumn, "note", "the note is the whole return's, so give it once or the same on every row");
            foreach (var row in rows)
            {
                if (row.Required(ForceArea, "the force area code is empty (e.g. E23000010)") is { } code)
                {
                    area.Check(code, row);
                }

                if (row.Period(PeriodColumn, ExamplePeriod) is { } parsed)
                {
                    period.Check(parsed.Label, row);
                    Period ??= parsed.ToContract();
                }

                if (row.Choice(StatusColumn, CsvRowReading.Statuses, CsvRowReading.StatusChoices) is { } given)
                {
                    status.Check(given.ToString().ToLowerInvariant(), row);
                    Status = (Proto.ObservationStatus)((int)given + 1);
                }

                if (sharedNote && row.Get(NoteColumn) is { } text)
                {
                    note.Check(text, row);
                }
            }

            Area = area.Value ?? "";
            Note = note.Value ?? "";
        }

        public string Area { get; }

        public Proto.Period? Period { get; }

        public Proto.ObservationStatus Status { get; } = Proto.ObservationStatus.Unspecified;

        public string Note { get; }
    }
}
