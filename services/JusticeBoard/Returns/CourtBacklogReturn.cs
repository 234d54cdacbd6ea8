using Partnership.Domain;

namespace Partnership.JusticeBoard.Returns;

public sealed record AgeBands(long Under13Weeks, long Weeks13To26, long Weeks26To52, long Over52Weeks)
{
    public long this[AgeBand band] => band switch
    {
        AgeBand.Under13Weeks => Under13Weeks,
        AgeBand.Weeks13To26 => Weeks13To26,
        AgeBand.Weeks26To52 => Weeks26To52,
        _ => Over52Weeks,
    };
}

/// <summary>One court's outstanding caseload on the snapshot date, and its receipts and disposals over the window before it.</summary>
public sealed record CourtBacklogEntry(
    CourtDefinition Court,
    AgeBands Outstanding,
    long OutstandingTotal,
    Period FlowPeriod,
    long Receipts,
    long Disposals,
    ObservationStatus Status = ObservationStatus.Final,
    string Note = "",
    int SourceLine = 0)
{
    public ForwardLoad ForwardLoad => ForwardLoad.Calculate(OutstandingTotal, Disposals, FlowPeriod);
}

/// <summary>The board's backlog return for one snapshot date: each court's figures become that court's own return.</summary>
public sealed record CourtBacklogReturn(DateOnly SnapshotDate, IReadOnlyList<CourtBacklogEntry> Courts)
{
    public IReadOnlyList<JusticeReturn> ToReturns(string submittedBy) =>
        [.. Courts.Select((entry, index) => ToReturn(entry, $"courts[{index}]", submittedBy))];

    /// <summary>Reads a court's stored backlog back from the observations its return was reduced to.</summary>
    public static CourtBacklogEntry? FromObservations(CourtDefinition court, IReadOnlyList<Observation> observations)
    {
        var byMeasure = observations.ToDictionary(o => o.MeasureId, StringComparer.Ordinal);
        long Count(string measure) => (long)(byMeasure.GetValueOrDefault(measure)?.Figure.Value ?? 0m);
        if (!byMeasure.TryGetValue(JusticeMeasures.Outstanding(court.Type), out var total)
            || !byMeasure.TryGetValue(JusticeMeasures.Disposals(court.Type), out var disposals))
        {
            return null;
        }

        var type = court.Type;
        var bands = new AgeBands(
            Count(JusticeMeasures.Outstanding(type, AgeBand.Under13Weeks)),
            Count(JusticeMeasures.Outstanding(type, AgeBand.Weeks13To26)),
            Count(JusticeMeasures.Outstanding(type, AgeBand.Weeks26To52)),
            Count(JusticeMeasures.Outstanding(type, AgeBand.Over52Weeks)));
        return new CourtBacklogEntry(court, bands, Count(total.MeasureId), disposals.Period, Count(JusticeMeasures.Receipts(type)), Count(disposals.MeasureId), total.Status, total.Note);
    }

    private JusticeReturn ToReturn(CourtBacklogEntry entry, string prefix, string submittedBy)
    {
        var type = entry.Court.Type;
        var line = entry.SourceLine;
        var builder = new JusticeReturnBuilder(entry.Status, entry.Note)
            .AddCount(JusticeMeasures.Outstanding(type), entry.OutstandingTotal, $"{prefix}.outstanding_total", line)
            .AddCount(JusticeMeasures.Outstanding(type, AgeBand.Under13Weeks), entry.Outstanding.Under13Weeks, $"{prefix}.outstanding.under_13_weeks", line)
            .AddCount(JusticeMeasures.Outstanding(type, AgeBand.Weeks13To26), entry.Outstanding.Weeks13To26, $"{prefix}.outstanding.weeks_13_to_26", line)
            .AddCount(JusticeMeasures.Outstanding(type, AgeBand.Weeks26To52), entry.Outstanding.Weeks26To52, $"{prefix}.outstanding.weeks_26_to_52", line)
            .AddCount(JusticeMeasures.Outstanding(type, AgeBand.Over52Weeks), entry.Outstanding.Over52Weeks, $"{prefix}.outstanding.over_52_weeks", line)
            .AddCount(JusticeMeasures.Receipts(type), entry.Receipts, $"{prefix}.receipts", line, entry.FlowPeriod, $"{prefix}.flow_period")
            .AddCount(JusticeMeasures.Disposals(type), entry.Disposals, $"{prefix}.disposals", line, entry.FlowPeriod, $"{prefix}.flow_period");

        // Negative counts are rejected on their own fields; a forward load made from them would only repeat the problem.
        if (entry.OutstandingTotal >= 0 && entry.Disposals >= 0)
        {
            var load = entry.ForwardLoad;
            builder.Add(JusticeMeasures.ForwardLoad(type), load.ToFigure(), new ObservationFields($"{prefix}.outstanding_total", $"{prefix}.disposals"), line, note: load.Explanation);
        }

        return builder.Build(entry.Court.Force, Period.Snapshot(SnapshotDate), JusticeReturnSources.CourtBacklog(entry.Court.Code), submittedBy,
            $"{prefix}.court_code", "snapshot_date", $"{prefix}.court_code");
    }
}
