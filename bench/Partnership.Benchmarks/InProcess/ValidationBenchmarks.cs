using BenchmarkDotNet.Attributes;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Validation;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// Validating one large return (a district's whole history for one service, 2,000 observations at 40
/// quarters) against the catalogue, the geography and the range checks, against the baseline of a
/// plain pass that only looks each measure up and checks the figure is in range.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private NationalDataset _data = null!;
    private ReturnSubmission _return = null!;
    private ReturnValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = NationalDataset.Create(1, ReadModelBenchmarks.Quarters);
        var window = Period.Months(_data.Quarters[0].Start, _data.Quarters[^1].End);
        var district = _data.DistrictsOf(1).First();
        _return = new ReturnSubmission("crime", district, window, "bench",
            [.. _data.HistoryReturn("crime", 0).Select(r => new ObservationInput(r.Measure.Id, r.Period, r.Figure))]);
        _validator = new ReturnValidator(_data.Catalogue, _data.Geography, []);
    }

    [Benchmark(Baseline = true)]
    public int PlainPass()
    {
        var bad = 0;
        foreach (var observation in _return.Observations)
        {
            if (!_data.Catalogue.TryGet(observation.MeasureId, out _) || observation.Figure.Value is > ReturnValidator.MaxFigure or < 0)
            {
                bad++;
            }
        }

        return bad;
    }

    [Benchmark]
    public int Validate() => _validator.Validate(_return).Count;
}
