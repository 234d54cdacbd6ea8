using Microsoft.Extensions.Logging.Abstractions;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Submissions;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Validation;

namespace Partnership.Benchmarks;

/// <summary>
/// Bulk ingest: large returns (one district's whole history for one service) through the submission
/// pipeline (validation, revision, observations and outbox in one transaction per return), against a
/// raw write of the same rows into the same schema in one transaction (<see cref="IngestStore"/>).
/// Each run starts from an empty database (created untimed) so both sides do the same work.
/// </summary>
public sealed class IngestBenchmark(NationalDataset data, IngestStore store)
{
    private const string Service = "crime";

    public async Task<BenchmarkResult> RunAsync(int warmups, int runs, CancellationToken cancellationToken)
    {
        var returns = BuildReturns();
        var observations = returns.Sum(r => r.Observations.Count);

        using var spans = new ActivityTimes();
        var pipeline = await Timing.MeasureAsync(warmups, runs, () => store.FreshAsync(cancellationToken), async db =>
        {
            var submit = new SubmissionPipeline<BenchDbContext>(
                db,
                new ServiceIdentity(Service, "bench-topic", Roles.CspSubmitter),
                new ReturnValidator(data.Catalogue, data.Geography, []),
                data.Catalogue,
                new OutboxSignal<BenchDbContext>(),
                TimeProvider.System,
                new BenchCaller(data.Geography),
                new DatabaseWriteState<BenchDbContext>(Service, TimeProvider.System, NullLogger<DatabaseWriteState<BenchDbContext>>.Instance),
                NullLogger<SubmissionPipeline<BenchDbContext>>.Instance);
            foreach (var submission in returns)
            {
                await submit.SubmitAsync(submission, cancellationToken);
                // A service handles each return in its own scope; do not let the tracker grow across returns.
                db.ChangeTracker.Clear();
            }
        });

        var breakdown = spans.Summary();
        var raw = await Timing.MeasureAsync(warmups, runs, () => store.FreshAsync(cancellationToken), db => store.RawInsertAsync(db, returns, cancellationToken));

        var pipelineRate = observations / (pipeline.Median / 1000);
        var rawRate = observations / (raw.Median / 1000);
        return new BenchmarkResult(
            $"Bulk ingest on {store.Name}, {data.Forces}x county ({returns.Count} returns, {observations:N0} observations)",
            $"{pipelineRate:N0} obs/s through the pipeline",
            $"{rawRate:N0} obs/s {store.RawMethod}",
            pipelineRate / rawRate,
            "pipeline rate >= 0.30 x raw",
            pipelineRate / rawRate >= 0.30,
            breakdown);
    }

    private List<ReturnSubmission> BuildReturns()
    {
        var window = Period.Months(data.Quarters[0].Start, data.Quarters[^1].End);
        var result = new List<ReturnSubmission>();
        var index = 0;
        for (var f = 1; f <= data.Forces; f++)
        {
            foreach (var district in data.DistrictsOf(f))
            {
                var rows = data.HistoryReturn(Service, index++);
                result.Add(new ReturnSubmission(Service, district, window, "bench", [.. rows.Select(r => new ObservationInput(r.Measure.Id, r.Period, r.Figure))]));
            }
        }

        return result;
    }
}

/// <summary>A submitter for every area, so the benchmark measures the pipeline's checks, not a refusal.</summary>
internal sealed class BenchCaller(Geography geography) : ICallerContext
{
    public Caller Current { get; } = new(
        "Benchmark",
        "benchmark",
        geography.Areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal) { Roles.CspSubmitter },
        "in-process");
}
