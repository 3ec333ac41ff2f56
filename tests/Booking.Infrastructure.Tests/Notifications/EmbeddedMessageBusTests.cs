using Booking.Application.Messaging;
using Booking.Infrastructure.Embedded;

namespace Booking.Infrastructure.Tests.Notifications;

public sealed class EmbeddedMessageBusTests
{
    private static BusMessage Message(string id) => new(id, "{}", new Dictionary<string, string>());

    [Fact]
    public async Task AFailingMessageIsRetriedUpToTheMaximumThenDeadLetteredWithTheCount()
    {
        using var bus = new EmbeddedMessageBus(TimeProvider.System);
        var deliveries = 0;
        bus.Subscribe("q", null, (_, _) => { Interlocked.Increment(ref deliveries); throw new InvalidOperationException("down"); }, maxDeliveryCount: 4);

        await bus.SendAsync("q", Message("m1"), default);
        await bus.WhenIdleAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, deliveries);
        var dead = Assert.Single(bus.DeadLettered("q"));
        Assert.StartsWith("MaxDeliveryCountExceeded: 4 deliveries", dead.DeadLetterReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageSentTwiceWithTheSameIdIsDeliveredOnceAndEverySubscriptionGetsItsCopy()
    {
        using var bus = new EmbeddedMessageBus(TimeProvider.System);
        var a = 0;
        var b = 0;
        bus.Subscribe("topic", "a", (_, _) => { Interlocked.Increment(ref a); return Task.CompletedTask; });
        bus.Subscribe("topic", "b", (_, _) => { Interlocked.Increment(ref b); return Task.CompletedTask; });

        await bus.SendAsync("topic", Message("same"), default);
        await bus.SendAsync("topic", Message("same"), default);
        await bus.WhenIdleAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, a);
        Assert.Equal(1, b);
        Assert.Single(bus.SentTo("topic"));
    }
}
