using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;
using Partnership.Testing;
using Proto = Partnership.Contracts.Common.V1;
using ReportingV1 = Partnership.Contracts.Reporting.V1;

namespace Partnership.Security.Tests;

/// <summary>
/// Dead letters are read with the operations role, and the figures inside them only as far as the
/// reader's other roles allow, like every other read.
/// </summary>
public sealed class DeadLetterAccessTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync()
    {
        _exchange = await SecureExchange.StartAsync();
        var log = _exchange.Services.GetRequiredService<DeadLetterLog>();
        // An event with a free crime figure and a safeguarding one, and bytes that are no event at all.
        var update = new QuarterlyUpdate { EventId = "dead-1", SourceService = "crime-measures", ReturnKey = "k", Revision = 1, AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };
        update.Observations.Add(new Proto.Observation { MeasureId = "crime.homicide", AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract(), Value = Proto.DecimalValue.FromDecimal(4), Confidentiality = Proto.Confidentiality.Free });
        update.Observations.Add(new Proto.Observation { MeasureId = "safeguarding.missing_children", AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract(), Value = Proto.DecimalValue.FromDecimal(3), Confidentiality = Proto.Confidentiality.Restricted });
        await log.RecordAsync(new ReceivedDeadLetter("m-event", "quarterly-updates.crime", "dead", QuarterlyUpdateCodec.ContentType, QuarterlyUpdateCodec.Serialize(update)), CancellationToken.None);
        await log.RecordAsync(new ReceivedDeadLetter("m-garbage", "quarterly-updates.crime", "dead", "application/json", Encoding.UTF8.GetBytes("{not an event: safeguarding.missing_children 3")), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private async Task<IReadOnlyList<ReportingV1.DeadLetter>> ListAs(params string[] roles) =>
        (await new ReportingV1.ReportingOperations.ReportingOperationsClient(_exchange.Channel).ListDeadLettersAsync(
            new ReportingV1.ListDeadLettersRequest(), SecureExchange.As(TestTokens.For("Exchange operations", [], roles)))).DeadLetters;

    [Theory]
    [InlineData(Roles.Public)]
    [InlineData(Roles.PartnerReader)]
    [InlineData(Roles.AuditReader)]
    public async Task ListDeadLetters_WithoutTheOperationsRole_PermissionDenied(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAs(role));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains(Roles.Operations, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDeadLetters_OperationsAlone_SeesFreeFiguresOnly()
    {
        var letters = await ListAs(Roles.Operations);

        var readable = letters.Single(l => l.MessageId == "m-event");
        Assert.Contains("crime.homicide", readable.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("safeguarding", readable.Payload, StringComparison.Ordinal);
        Assert.Equal("1 of 2 figures left out: this token may not read them.", readable.PayloadWithheld);
        // An unreadable payload cannot be filtered, so it is withheld whole.
        var garbage = letters.Single(l => l.MessageId == "m-garbage");
        Assert.Equal("", garbage.Payload);
        Assert.NotEqual("", garbage.PayloadWithheld);
    }

    [Fact]
    public async Task ListDeadLetters_OperationsWithEveryReaderRoleNationally_SeesWholePayloads()
    {
        var letters = await ListAs(Roles.Operations, Roles.PartnerReader, Roles.SafeguardingReader, Roles.NationalReader);

        Assert.Contains("safeguarding.missing_children", letters.Single(l => l.MessageId == "m-event").Payload, StringComparison.Ordinal);
        Assert.Equal("{not an event: safeguarding.missing_children 3", letters.Single(l => l.MessageId == "m-garbage").Payload);
        Assert.All(letters, l => Assert.Equal("", l.PayloadWithheld));
    }
}
