using Booking.Application.Messaging;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Notifications;

public sealed class EmbeddedMessageBusTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly List<IDisposable> _opened = [];
    private readonly Dictionary<EmbeddedMessageBus, EmbeddedDatabase> _databases = [];

    private static BusMessage Message(string id) => new(id, "{}", new Dictionary<string, string>());

    [Fact]
    public async Task AFailingMessageIsRetriedUpToTheMaximumThenDeadLetteredWithTheCount()
    {
        var bus = Open();
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
        var bus = Open();
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

    [Fact]
    public async Task AMessageSentTwiceWithTheSameIdIsDeliveredOnceAndEverySubscriptionGetsItsCopy()
    {
        var bus = Open();
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

    [Fact]
    public async Task AMessageAcceptedBeforeAStopIsDeliveredByTheNextProcessAndItsIdIsStillKnown()
    {
        var first = Open();
        first.Subscribe("topic", "mail", (_, _) => Task.CompletedTask);
        first.Dispose(); // the consumer stopped; the subscription stays
        var stopped = Open();
        await stopped.SendAsync("topic", Message("while-down"), default);
        stopped.Dispose();

        var next = Open();
        var received = new List<string>();
        next.Subscribe("topic", "mail", (m, _) => Record(received, m));
        await next.WhenIdleAsync(TimeSpan.FromSeconds(10));
        await next.SendAsync("topic", Message("while-down"), default);
        await next.WhenIdleAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["while-down"], received);
    }

    [Fact]
    public async Task AMessageLockedByAProcessThatDiedIsHandedOutAgainOnceItsLockExpiresWithTheDeliveryCounted()
    {
        var stuck = new TaskCompletionSource();
        var dying = Open(TimeSpan.FromSeconds(1));
        dying.Subscribe("q", null, async (_, _) => { stuck.TrySetResult(); await Task.Delay(Timeout.Infinite, CancellationToken.None); });
        await dying.SendAsync("q", Message("held"), default);
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Its process is gone: no completion, no renewal. Another process's consumer takes the message once the lock expires.
        var survivor = Open(TimeSpan.FromSeconds(1));
        var received = new TaskCompletionSource<BusMessage>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        survivor.Subscribe("q", null, (m, _) => { received.TrySetResult(m); return Task.CompletedTask; }, maxDeliveryCount: 2);
        Crash(dying);

        Assert.Equal("held", (await received.Task.WaitAsync(TimeSpan.FromSeconds(10))).MessageId);
        Assert.True(clock.Elapsed > TimeSpan.FromMilliseconds(500), $"handed out again after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AMessageWhoseEveryDeliveryWasLostWithItsProcessIsDeadLetteredAsExceedingTheMaximum()
    {
        var stuck = new TaskCompletionSource();
        var dying = Open(TimeSpan.FromMilliseconds(300));
        dying.Subscribe("q", null, async (_, _) => { stuck.TrySetResult(); await Task.Delay(Timeout.Infinite, CancellationToken.None); }, maxDeliveryCount: 1);
        await dying.SendAsync("q", Message("lost"), default);
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Crash(dying);
        var survivor = Open(TimeSpan.FromMilliseconds(300));
        var handled = 0;
        survivor.Subscribe("q", null, (_, _) => { Interlocked.Increment(ref handled); return Task.CompletedTask; }, maxDeliveryCount: 1);

        await WaitUntil(() => survivor.DeadLettered("q").Count == 1);

        Assert.Equal(0, handled);
        Assert.StartsWith("MaxDeliveryCountExceeded: 1 deliveries, the last one's lock expired", survivor.DeadLettered("q")[0].DeadLetterReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumersInTwoProcessesShareASubscriptionEachMessageHandledOnce()
    {
        var handled = new System.Collections.Concurrent.ConcurrentBag<(int Bus, string Id)>();
        var buses = new[] { Open(), Open() };
        for (var b = 0; b < buses.Length; b++)
        {
            var bus = b;
            buses[b].Subscribe("topic", "mail", (m, _) => { handled.Add((bus, m.MessageId)); return Task.CompletedTask; });
        }

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => buses[i % 2].SendAsync("topic", Message($"m{i}"), default)));
        await Task.WhenAll(buses.Select(b => b.WhenIdleAsync(TimeSpan.FromSeconds(20))));

        Assert.Equal(200, handled.Count);
        Assert.Equal(200, handled.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public async Task AMessageSentToAnEntityNobodySubscribedToIsDroppedButShownAsSent()
    {
        var bus = Open();

        await bus.SendAsync("operator-alerts", Message("alert"), default);
        bus.Subscribe("operator-alerts", "operators", (_, _) => throw new InvalidOperationException("never delivered"));
        await bus.WhenIdleAsync(TimeSpan.FromSeconds(5));

        Assert.Single(bus.SentTo("operator-alerts"));
        Assert.Empty(bus.DeadLettered("operator-alerts"));
    }

    public void Dispose()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            opened.Dispose();
        }

        _data.Dispose();
    }

    private EmbeddedMessageBus Open(TimeSpan? lockDuration = null)
    {
        var database = new EmbeddedDatabase(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));
        var bus = new EmbeddedMessageBus(database, TimeProvider.System, Options.Create(new EmbeddedBusOptions { LockDuration = lockDuration ?? TimeSpan.FromMinutes(1) }));
        _opened.Add(database);
        _opened.Add(bus);
        _databases[bus] = database;
        return bus;
    }

    /// <summary>As a process killed mid-delivery: its connections close, so it neither completes nor renews what it holds.</summary>
    private void Crash(EmbeddedMessageBus bus)
    {
        _opened.Remove(bus); // its consumer is stuck in a handler that never returns: no stop to wait for
        _databases[bus].Dispose();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }

    private static Task Record(List<string> handled, BusMessage message)
    {
        lock (handled)
        {
            handled.Add(message.MessageId);
        }

        return Task.CompletedTask;
    }
}
