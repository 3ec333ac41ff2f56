using System.Collections.Concurrent;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.Tests.Messaging;

/// <summary>
/// What every bus adapter pair (<see cref="IMessageBus"/> + <see cref="IDeadLetterQueue"/>) guarantees, run against
/// each: the embedded bus, and Service Bus (through the real SDK on the local stand-in). The entities are the
/// deployed ones (infra/local/servicebus-config.json, checked against the Bicep): appointment-events with its
/// subscriptions, ten deliveries before dead-lettering. A consumer is what the function host gives a trigger:
/// a handler that returns completes the message, one that throws has it redelivered and, past the maximum delivery
/// count, dead-lettered. (Poison is the consumer's to settle: it records it and returns.)
/// </summary>
public abstract class BusContract
{
    protected const string Topic = "appointment-events";
    protected const string Email = "email-confirmations";
    protected const string Sms = "sms-confirmations";
    protected const string Partners = "partner-notifications";
    protected const string PartnerRequests = "partner-booking-requests";
    protected const int MaxDeliveryCount = 10;

    protected abstract IMessageBus Bus { get; }

    protected abstract IDeadLetterQueue DeadLetters { get; }

    /// <summary>Starts delivering the subscription's messages (a queue's, when <paramref name="subscription"/> is null) to <paramref name="handler"/>.</summary>
    protected abstract Task ConsumeAsync(string entity, string? subscription, Func<BusMessage, Task> handler);

    /// <summary>Completes once every message sent so far was handled or dead-lettered.</summary>
    protected abstract Task WhenSettledAsync();

    /// <summary>The ids in the subscription's (or, when <paramref name="subscription"/> is null, the queue's) dead-letter queue, locked or not.</summary>
    protected abstract Task<IReadOnlyList<string>> DeadLetteredIdsAsync(string entity, string? subscription);

    private static CancellationToken Ct => CancellationToken.None;

    private string Id(string name) => $"{GetType().Name}-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task SentMessageReachesEverySubscriptionWithItsIdBodyAndProperties()
    {
        var received = new ConcurrentDictionary<string, BusMessage>();
        foreach (var subscription in new[] { Email, Sms, Partners })
        {
            await ConsumeAsync(Topic, subscription, message => Record(received, subscription, message));
        }

        var sent = new BusMessage(Id("booked"), "{\"eventId\":\"e-1\"}", new Dictionary<string, string> { ["eventType"] = "AppointmentBooked" });
        await Bus.SendAsync(Topic, sent, Ct);
        await WhenSettledAsync();

        Assert.Equal([Email, Partners, Sms], received.Keys.Order());
        Assert.All(received.Values, message =>
        {
            Assert.Equal(sent.MessageId, message.MessageId);
            Assert.Equal(sent.Body, message.Body);
            Assert.Equal("AppointmentBooked", message.ApplicationProperties["eventType"]);
        });
    }

    [Fact]
    public async Task MessageSentTwiceWithTheSameIdIsDeliveredOnce()
    {
        var deliveries = 0;
        await ConsumeAsync(Topic, Email, _ =>
        {
            Interlocked.Increment(ref deliveries);
            return Task.CompletedTask;
        });

        var message = new BusMessage(Id("twice"), "{}", new Dictionary<string, string>());
        await Bus.SendAsync(Topic, message, Ct);
        await Bus.SendAsync(Topic, message, Ct);
        await WhenSettledAsync();

        Assert.Equal(1, deliveries);
    }

    [Fact]
    public async Task FailingMessageIsDeliveredUpToTheMaximumThenRedrivenAndRemoved()
    {
        var attempts = 0;
        await ConsumeAsync(Topic, Email, _ =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("the mail server is down");
        });
        var id = Id("outage");
        await Bus.SendAsync(Topic, new BusMessage(id, "{}", new Dictionary<string, string>()), Ct);
        await WhenSettledAsync();
        Assert.Equal(MaxDeliveryCount, attempts);
        Assert.Equal([id], await DeadLetteredIdsAsync(Topic, Email));

        var handled = new List<string>();
        var count = await DeadLetters.RedriveAsync(Topic, Email, (message, _) => Record(handled, message), 10, Ct);

        Assert.Equal(new RedriveCount(1, 0), count);
        Assert.Equal([id], handled);
        Assert.Empty(await DeadLetteredIdsAsync(Topic, Email));
    }

    [Fact]
    public async Task RedriveKeepsAMessageThatFailsAgain()
    {
        await ConsumeAsync(Topic, Sms, _ => throw new InvalidOperationException("the SMS provider is down"));
        var id = Id("still-down");
        await Bus.SendAsync(Topic, new BusMessage(id, "{}", new Dictionary<string, string>()), Ct);
        await WhenSettledAsync();

        var count = await DeadLetters.RedriveAsync(Topic, Sms, (_, _) => throw new InvalidOperationException("still down"), 10, Ct);

        Assert.Equal(new RedriveCount(0, 1), count);
        Assert.Equal([id], await DeadLetteredIdsAsync(Topic, Sms));
    }

    [Fact]
    public async Task AMessageThatFailedAgainIsTakenByTheNextRunAtOnce()
    {
        await ConsumeAsync(Topic, Sms, _ => throw new InvalidOperationException("the SMS provider is down"));
        var id = Id("next-run");
        await Bus.SendAsync(Topic, new BusMessage(id, "{}", new Dictionary<string, string>()), Ct);
        await WhenSettledAsync();
        await DeadLetters.RedriveAsync(Topic, Sms, (_, _) => throw new InvalidOperationException("still down"), 10, Ct);

        var handled = new List<string>();
        var count = await DeadLetters.RedriveAsync(Topic, Sms, (message, _) => Record(handled, message), 10, Ct);

        Assert.Equal(new RedriveCount(1, 0), count);
        Assert.Equal([id], handled);
        Assert.Empty(await DeadLetteredIdsAsync(Topic, Sms));
    }

    [Fact]
    public async Task RedriveOfOneSubscriptionLeavesAnotherSubscriptionsDeadLetters()
    {
        await ConsumeAsync(Topic, Email, _ => throw new InvalidOperationException("down"));
        await ConsumeAsync(Topic, Sms, _ => throw new InvalidOperationException("down"));
        var id = Id("both");
        await Bus.SendAsync(Topic, new BusMessage(id, "{}", new Dictionary<string, string>()), Ct);
        await WhenSettledAsync();

        var handled = new List<string>();
        await DeadLetters.RedriveAsync(Topic, Email, (message, _) => Record(handled, message), 10, Ct);

        Assert.Equal([id], handled);
        Assert.Empty(await DeadLetteredIdsAsync(Topic, Email));
        Assert.Equal([id], await DeadLetteredIdsAsync(Topic, Sms));
    }

    [Fact]
    public async Task PurgeRemovesAQueuesDeadLettersEnqueuedBeforeTheCutoffUnreadAndLeavesYoungerOnesAtHand()
    {
        var handled = 0;
        await ConsumeAsync(PartnerRequests, null, _ =>
        {
            Interlocked.Increment(ref handled);
            throw new InvalidOperationException("a crash loop");
        });
        var id = Id("request");
        await Bus.SendAsync(PartnerRequests, new BusMessage(id, "{}", new Dictionary<string, string>()), Ct);
        await WhenSettledAsync();
        Assert.Equal([id], await DeadLetteredIdsAsync(PartnerRequests, null));
        var deliveries = handled;

        var tooYoung = await DeadLetters.PurgeAsync(PartnerRequests, DateTimeOffset.UtcNow.AddMinutes(-5), 10, Ct);
        // Left at hand: a purge that left it locked would not find it again at once.
        var old = await DeadLetters.PurgeAsync(PartnerRequests, DateTimeOffset.UtcNow.AddMinutes(5), 10, Ct);

        Assert.Equal((0, 1), (tooYoung, old));
        Assert.Empty(await DeadLetteredIdsAsync(PartnerRequests, null));
        Assert.Equal(deliveries, handled);
    }

    private static Task Record(ConcurrentDictionary<string, BusMessage> received, string subscription, BusMessage message)
    {
        received[subscription] = message;
        return Task.CompletedTask;
    }

    private static Task Record(List<string> handled, BusMessage message)
    {
        handled.Add(message.MessageId);
        return Task.CompletedTask;
    }
}
