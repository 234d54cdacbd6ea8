using System.Globalization;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions.Validation;
using Proto = Partnership.Contracts.Justice.V1;
using ProtoCommon = Partnership.Contracts.Common.V1;

namespace Partnership.JusticeBoard.Grpc;

/// <summary>
/// Reads the typed requests into the justice returns. What cannot be read (a date, an unknown court,
/// an unspecified court type) is reported with every other such problem at once, before the rules run.
/// </summary>
public static class JusticeRequestReader
{
    public static CourtBacklogReturn Read(Proto.SubmitCourtBacklogRequest request, Courts courts)
    {
        var violations = new ViolationCollector();
        var date = ReadDate(request.SnapshotDate, "snapshot_date", violations);
        if (request.Courts.Count == 0)
        {
            violations.Add("courts", "the return has no courts");
        }

        var entries = new List<CourtBacklogEntry>();
        foreach (var (court, index) in request.Courts.Select((c, i) => (c, i)))
        {
            var prefix = $"courts[{index}]";
            var known = courts.TryGet(court.CourtCode, out var definition);
            if (!known)
            {
                violations.Add($"{prefix}.court_code", $"{Line(court.SourceLine)}unknown court '{court.CourtCode}'; the courts are listed by ListCourts");
            }

            var window = ReadPeriod(court.FlowPeriod, $"{prefix}.flow_period", court.SourceLine, violations);
            if (known && window is { } flow)
            {
                var bands = court.Outstanding ?? new Proto.AgeBands();
                entries.Add(new CourtBacklogEntry(
                    definition,
                    new AgeBands(bands.Under13Weeks, bands.Weeks13To26, bands.Weeks26To52, bands.Over52Weeks),
                    court.OutstandingTotal,
                    flow,
                    court.Receipts,
                    court.Disposals,
                    ReadStatus(court.Status, $"{prefix}.status", court.SourceLine, violations),
                    court.Note,
                    court.SourceLine));
            }
        }

        ThrowIfAny(violations);
        return new CourtBacklogReturn(date!.Value, entries);
    }

    public static TrialEffectivenessReturn Read(Proto.SubmitTrialEffectivenessRequest request)
    {
        var violations = new ViolationCollector();
        var status = ReadStatus(request.Status, "status", 0, violations);
        var period = ReadPeriod(request.Period, "period", 0, violations);
        var trials = request.CourtTypes.Select((t, i) => ReadCourtType(t.CourtType, $"court_types[{i}].court_type", t.SourceLine, violations) is { } type
            ? new TrialOutcomes(type, t.Listed, t.Effective, t.Cracked, t.Ineffective, t.Vacated, t.SourceLine)
            : null).ToList();
        RequireAny(trials.Count, "court_types", violations);
        ThrowIfAny(violations);
        return new TrialEffectivenessReturn(request.ForceAreaCode, period!.Value, [.. trials.OfType<TrialOutcomes>()], status, request.Note);
    }

    public static CaseProgressionReturn Read(Proto.SubmitCaseProgressionRequest request)
    {
        var violations = new ViolationCollector();
        var status = ReadStatus(request.Status, "status", 0, violations);
        var period = ReadPeriod(request.Period, "period", 0, violations);
        var figures = request.CourtTypes.Select((t, i) => ReadCourtType(t.CourtType, $"court_types[{i}].court_type", t.SourceLine, violations) is { } type
            ? new CaseProgressionFigures(type, t.FirstHearings, t.EarlyGuiltyPleas, t.CompletedCases, t.TotalDaysChargeToCompletion, t.SourceLine)
            : null).ToList();
        RequireAny(figures.Count, "court_types", violations);
        ThrowIfAny(violations);
        return new CaseProgressionReturn(request.ForceAreaCode, period!.Value, [.. figures.OfType<CaseProgressionFigures>()], status, request.Note);
    }

    public static ReoffendingReturn Read(Proto.SubmitReoffendingRequest request)
    {
        var violations = new ViolationCollector();
        var status = ReadStatus(request.Status, "status", 0, violations);
        var cohortPeriod = request.Cohorts.Count > 0 ? ReadPeriod(request.CohortPeriod, "cohort_period", 0, violations) : null;
        var entrantsPeriod = request.FirstTimeEntrants.Count > 0 ? ReadPeriod(request.EntrantsPeriod, "entrants_period", 0, violations) : null;
        var cohorts = request.Cohorts.Select((c, i) => ReadAgeGroup(c.AgeGroup, $"cohorts[{i}].age_group", c.SourceLine, violations) is { } group
            ? new ReoffendingCohort(group, c.CohortSize, c.Reoffenders, c.SourceLine)
            : null).ToList();
        var entrants = request.FirstTimeEntrants.Select((e, i) => ReadAgeGroup(e.AgeGroup, $"first_time_entrants[{i}].age_group", e.SourceLine, violations) is { } group
            ? new FirstTimeEntrants(group, e.Count, e.SourceLine)
            : null).ToList();
        RequireAny(cohorts.Count + entrants.Count, "cohorts", violations);
        ThrowIfAny(violations);
        return new ReoffendingReturn(request.ForceAreaCode, cohortPeriod, [.. cohorts.OfType<ReoffendingCohort>()], entrantsPeriod,
            [.. entrants.OfType<FirstTimeEntrants>()], status, request.Note);
    }

    public static VictimsCodeReturn Read(Proto.SubmitVictimsCodeComplianceRequest request)
    {
        var violations = new ViolationCollector();
        var status = ReadStatus(request.Status, "status", 0, violations);
        var period = ReadPeriod(request.Period, "period", 0, violations);
        RequireAny(request.Figures.Count, "figures", violations);
        ThrowIfAny(violations);
        return new VictimsCodeReturn(request.ForceAreaCode, period!.Value, request.DataSource,
            [.. request.Figures.Select(f => new ComplianceFigure(f.MeasureCode, f.Numerator, f.Denominator, f.Note, f.SourceLine))], status);
    }

    public static DateOnly? ReadDate(string text, string field, ViolationCollector violations)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violations.Add(field, $"'{text}' is not a date; write YYYY-MM-DD");
        return null;
    }

    private static Period? ReadPeriod(ProtoCommon.Period? period, string field, int line, ViolationCollector violations)
    {
        if (period.TryToDomain(out var result, out var error))
        {
            return result;
        }

        violations.Add(field, Line(line) + error);
        return null;
    }

    private static ObservationStatus ReadStatus(ProtoCommon.ObservationStatus status, string field, int line, ViolationCollector violations)
    {
        if (ContractMapping.UndefinedValue(status, "status") is { } problem)
        {
            violations.Add(field, Line(line) + problem);
        }

        return status.ToDomain();
    }

    private static CourtType? ReadCourtType(Proto.CourtType type, string field, int line, ViolationCollector violations)
    {
        switch (type)
        {
            case Proto.CourtType.Crown:
                return CourtType.Crown;
            case Proto.CourtType.Magistrates:
                return CourtType.Magistrates;
            default:
                violations.Add(field, $"{Line(line)}the court type must be crown or magistrates");
                return null;
        }
    }

    private static AgeGroup? ReadAgeGroup(Proto.AgeGroup group, string field, int line, ViolationCollector violations)
    {
        switch (group)
        {
            case Proto.AgeGroup.Adult:
                return AgeGroup.Adult;
            case Proto.AgeGroup.Youth:
                return AgeGroup.Youth;
            default:
                violations.Add(field, $"{Line(line)}the age group must be adult or youth");
                return null;
        }
    }

    private static void RequireAny(int count, string field, ViolationCollector violations)
    {
        if (count == 0)
        {
            violations.Add(field, "the return has no figures");
        }
    }

    private static string Line(int line) => line > 0 ? $"line {line}, " : "";

    private static void ThrowIfAny(ViolationCollector violations)
    {
        if (violations.Any)
        {
            throw new ReturnRejectedException(violations.Violations);
        }
    }
}
