using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.Testing;

namespace Partnership.Submissions.Tests.Events;

public class InProcessEventBusTests
{
    private static readonly QuarterlyUpdate Update = new() { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|bus", Revision = 3 };

    private static (InProcessEventBus Bus, Subscriber Subscriber) Bus(DeliveryOutcome outcome = DeliveryOutcome.Processed)
    {
        var subscriber = new Subscriber(outcome);
        var services = new ServiceCollection().AddSingleton<IQuarterlyUpdateSubscriber>(subscriber).BuildServiceProvider();
        return (new InProcessEventBus(services), subscriber);
    }

    [Fact]
    public async Task PublishAsync_Bytes_DeliversTheEventReadFromThem()
    {
        var (bus, subscriber) = Bus();

        await bus.PublishAsync(EventTopics.CrimeMeasures, QuarterlyUpdateCodec.Serialize(Update), QuarterlyUpdateCodec.ContentType, CancellationToken.None);

        var (topic, delivered) = Assert.Single(subscriber.Delivered);
        Assert.Equal(EventTopics.CrimeMeasures, topic);
        Assert.Equal(Update, delivered);
    }

    /// <summary>
    /// The outbox dispatcher read the stored bytes already: that reading is what the subscribers get,
    /// not a second one (the same instance, which a second parse could not produce).
    /// </summary>
    [Fact]
    public async Task PublishAsync_WithTheEventAlreadyRead_DeliversThatReadingWithoutParsingAgain()
    {
        var (bus, subscriber) = Bus();
        IEventPublisher publisher = bus;

        await publisher.PublishAsync(EventTopics.CrimeMeasures, QuarterlyUpdateCodec.Serialize(Update), QuarterlyUpdateCodec.ContentType, Update, CancellationToken.None);

        Assert.Same(Update, Assert.Single(subscriber.Delivered).Update);
    }

    [Fact]
    public async Task PublishAsync_SubscriberAsksForRetry_ThrowsSoTheOutboxKeepsTheEvent()
    {
        var (bus, _) = Bus(DeliveryOutcome.Retry);
        IEventPublisher publisher = bus;

        await Assert.ThrowsAsync<EventNotAcceptedException>(() =>
            publisher.PublishAsync(EventTopics.CrimeMeasures, QuarterlyUpdateCodec.Serialize(Update), QuarterlyUpdateCodec.ContentType, Update, CancellationToken.None));
    }

    private sealed class Subscriber(DeliveryOutcome outcome) : IQuarterlyUpdateSubscriber
    {
        public List<(string Topic, QuarterlyUpdate Update)> Delivered { get; } = [];

        public Task<DeliveryOutcome> HandleAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken)
        {
            Delivered.Add((topic, update));
            return Task.FromResult(outcome);
        }
    }
}
