using Google.Protobuf.WellKnownTypes;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.Reporting.Tests;

/// <summary>Issue 21: the county rollup lists its measures as the force's plan does, then the others by id.</summary>
public class RollupPlanOrderTests
{
    private static readonly Period Q3 = DomainPeriod.Parse("FY2020/21-Q3").ToContract();

    [Fact]
    public async Task GetCountyRollup_WestYorkshire_MeasuresInPlanOrderThenTheRestById()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting);
        var update = new QuarterlyUpdate
        {
            EventId = Guid.NewGuid().ToString(),
            ContractVersion = EventTopics.QuarterlyUpdateContractVersion,
            SourceService = "crime-measures",
            SubmittedBy = "Bradford CSP",
            SubmittedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ReturnId = Guid.NewGuid().ToString(),
            ReturnKey = $"crime-measures|{Bradford}|2020-10-01..2020-12-31",
            Revision = 1,
            AreaCode = Bradford,
            Period = Q3,
        };
        foreach (var measure in new[] { "crime.vehicle", "crime.total_recorded", "crime.homicide", "crime.hate_crime", "crime.robbery" })
        {
            update.Observations.Add(new Observation { MeasureId = measure, AreaCode = Bradford, Period = Q3, Value = 10 });
        }

        Assert.Equal(DeliveryOutcome.Processed, await host.GetRequiredService<QuarterlyUpdateHandler>().HandleAsync(EventTopics.CrimeMeasures, update, default));

        var rollup = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q3 });

        // The plan's: hate crime and homicide (safer places), total recorded (crime and ASB), its rate
        // beside it; then crime.robbery and crime.vehicle, which the plan does not list.
        Assert.Equal(
            ["crime.hate_crime", "crime.homicide", "crime.total_recorded", "crime.total_recorded.per_1000", "crime.robbery", "crime.vehicle"],
            rollup.Measures.Select(m => m.Measure.Id));
    }
}
