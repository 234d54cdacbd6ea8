using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.CrimeMeasures.Tests;

public abstract class CrimeReturnFlowTests
{
    protected abstract TestStore NewStore();

    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();

    private static SubmitReturnRequest Return(string area, params (string Measure, decimal? Value, decimal? Numerator, decimal? Denominator)[] rows)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = Q3, SubmittedBy = area + " CSP" };
        var line = 2;
        foreach (var (measure, value, numerator, denominator) in rows)
        {
            var input = new ObservationInput { MeasureId = measure, SourceLine = line++ };
            if (value is { } v)
            {
                input.Value = v;
            }
            else
            {
                input.Fraction = new Fraction { Numerator = numerator!.Value, Denominator = denominator!.Value };
            }

            request.Observations.Add(input);
        }

        return request;
    }

    private static Task<CountyRollup> RollupAsync(ExchangeHost host) =>
        host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q3 }).ResponseAsync;

    private static MeasureRollup? Measure(CountyRollup rollup, string id) => rollup.Measures.SingleOrDefault(m => m.Measure.Id == id);

    [Fact]
    public async Task SubmitReturn_TwoDistricts_CountyRollupAddsThemAndNamesTheMissing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());

        await host.Crime.SubmitReturnAsync(Return(Bradford, ("crime.total_recorded", 18_402, null, null), ("crime.violence_with_injury_solved", null, 10, 100)));
        await host.Crime.SubmitReturnAsync(Return(Leeds, ("crime.total_recorded", 27_315, null, null), ("crime.violence_with_injury_solved", null, 90, 300)));

        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host), r => Measure(r, "crime.total_recorded")?.DistrictsIncluded.Count == 2, what: "both districts in the rollup");
        var total = Measure(rollup, "crime.total_recorded")!;
        Assert.Equal(45_717m, total.CountyValue.ToDecimal());
        Assert.True(total.Provisional);
        Assert.Equal([Areas.Calderdale, Areas.Kirklees, Areas.Wakefield], total.DistrictsMissing);
        var solved = Measure(rollup, "crime.violence_with_injury_solved")!;
        Assert.Equal(0.25m, solved.CountyValue.ToDecimal());
        Assert.Equal(400m, solved.CountyFraction.Denominator.ToDecimal());
    }

    [Fact]
    public async Task SubmitReturn_Malformed_IsInvalidArgumentWithEveryFieldAndStoresNothing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(Return(Bradford,
            ("crime.made_up", 1, null, null),
            ("crime.violence_with_injury_solved", null, 120, 100),
            ("crime.homicide", -2, null, null))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var badRequest = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(["observations[0].measure_id", "observations[1].numerator", "observations[2].value"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Contains("line 3", badRequest.FieldViolations[1].Description, StringComparison.Ordinal);

        var notFound = await Assert.ThrowsAsync<RpcException>(() => host.Crime.GetReturnAsync(new GetReturnRequest { AreaCode = Bradford, Period = Q3 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Empty((await RollupAsync(host)).Measures);
    }

    [Fact]
    public async Task SubmitReturn_Resubmission_IsNewRevisionAndEarlierStaysReadable()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());

        var first = await host.Crime.SubmitReturnAsync(Return(Bradford, ("crime.total_recorded", 100, null, null)));
        var second = await host.Crime.SubmitReturnAsync(Return(Bradford, ("crime.total_recorded", 120, null, null)));

        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
        var latest = await host.Crime.GetReturnAsync(new GetReturnRequest { AreaCode = Bradford, Period = Q3 });
        var original = await host.Crime.GetReturnAsync(new GetReturnRequest { AreaCode = Bradford, Period = Q3, Revision = 1 });
        Assert.Equal(2, latest.Revision);
        Assert.Equal(120m, latest.Observations.Single().Value.ToDecimal());
        Assert.Equal(1, original.Revision);
        Assert.Equal(2, original.LatestRevision);
        Assert.Equal(100m, original.Observations.Single().Value.ToDecimal());

        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host), r => Measure(r, "crime.total_recorded")?.Districts.SingleOrDefault()?.Revision == 2, what: "revision 2 in the rollup");
        Assert.Equal(120m, Measure(rollup, "crime.total_recorded")!.CountyValue.ToDecimal());
    }

    [Fact]
    public async Task SubmitReturn_UnparseablePeriod_NamesPeriodField()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var request = Return(Bradford, ("crime.total_recorded", 1, null, null));
        request.Period = new Period { Label = "Q3 2020" };

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(request).ResponseAsync);

        Assert.Equal("period", ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task ListMeasures_CrimeService_ListsItsCatalogue()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());

        var measures = await host.Crime.ListMeasuresAsync(new ListMeasuresRequest());

        Assert.Contains(measures.Measures, m => m.Id == "crime.total_recorded" && m.Rule == AggregationRule.Sum);
        Assert.Contains(measures.Measures, m => m.Id == "survey.feeling_safe" && m.Rule == AggregationRule.CountyOnly);
        Assert.Contains(measures.Measures, m => m.Id == "response.emergency_attended_in_target" && m.Rule == AggregationRule.Ratio);
        // The service's prefixes (docs/domain.md): the police's figures for the partnership, crime and beyond it.
        string[] prefixes = ["crime.", "asb.", "survey.", "roads.", "response."];
        Assert.All(measures.Measures, m => Assert.Contains(prefixes, p => m.Id.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetCountyRollup_CountyOnlySurvey_UsesForceFigure()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        await host.Crime.SubmitReturnAsync(Return(WestYorkshire, ("survey.feeling_safe", 81.4m, null, null)));

        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host), r => Measure(r, "survey.feeling_safe") is not null, what: "the survey figure");

        var survey = Measure(rollup, "survey.feeling_safe")!;
        Assert.Equal(81.4m, survey.CountyValue.ToDecimal());
        Assert.Equal(CountySource.SubmittedCountyFigure, survey.Source);
    }
}

public sealed class CrimeReturnFlowTestsOnSqlite : CrimeReturnFlowTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class CrimeReturnFlowTestsOnPostgres(PostgresFixture postgres) : CrimeReturnFlowTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
