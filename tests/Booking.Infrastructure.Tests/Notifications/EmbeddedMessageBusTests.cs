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
    public async Task ARedriveHandsOnlyTheSubscriptionsExhaustedMessagesToTheHandlerAndKeepsThoseThatFailAgain()
    {
        using var bus = new EmbeddedMessageBus(TimeProvider.System);
        bus.Subscribe("topic", "mail", (_, _) => throw new InvalidOperationException("down"), maxDeliveryCount: 3);
        bus.Subscribe("topic", "sms", (_, _) => throw new InvalidOperationException("down"), maxDeliveryCount: 3);
        foreach (var id in new[] { "m1", "m2", "m3" })
        {
            await bus.SendAsync("topic", Message(id), default);
        }

        await bus.WhenIdleAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6, bus.DeadLettered("topic").Count);

        var handled = new List<string>();
        var count = await bus.RedriveAsync("topic", "mail", (m, _) => m.MessageId == "m2" ? throw new InvalidOperationException("still down") : Record(handled, m), 10, default);

        Assert.Equal(["m1", "m3"], handled.Order());
        Assert.Equal(new RedriveCount(2, 1), count);
        var left = bus.DeadLettered("topic");
        Assert.Equal(["m2"], left.Where(m => m.Subscription == "mail").Select(m => m.MessageId));
        Assert.Equal(3, left.Count(m => m.Subscription == "sms"));

        var again = await bus.RedriveAsync("topic", "mail", (m, _) => Record(handled, m), 10, default);
        Assert.Equal(new RedriveCount(1, 0), again);
        Assert.Equal(["m1", "m2", "m3"], handled.Order());
        Assert.DoesNotContain(bus.DeadLettered("topic"), m => m.Subscription == "mail");
    }

    private static Task Record(List<string> handled, BusMessage message)
    {
        handled.Add(message.MessageId);
        return Task.CompletedTask;
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
