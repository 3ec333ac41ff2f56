namespace Booking.ServiceBusStandIn.Tests;

public sealed class SettlementTests
{
    [Fact]
    public async Task AbandonedMessageIsRedeliveredWithDeliveryCountIncremented()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("retry me"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        var first = await TestBus.ReceiveOneAsync(receiver);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["note"] = "abandoned once" });
        var second = await TestBus.ReceiveOneAsync(receiver);

        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal("abandoned once", second.ApplicationProperties["note"]);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task AbandonedMessageIsDeadLetteredAfterMaxDeliveryCount()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("poison") { MessageId = "poison-1" });
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var message = await TestBus.ReceiveOneAsync(receiver);
            Assert.Equal(delivery, message.DeliveryCount);
            await receiver.AbandonMessageAsync(message);
        }

        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.Queue));
        await using var deadLetters = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await TestBus.ReceiveOneAsync(deadLetters);
        Assert.Equal("poison-1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.False(string.IsNullOrEmpty(dead.DeadLetterErrorDescription));
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts($"{TestBus.Queue}/$DeadLetterQueue"));
    }

    [Fact]
    public async Task DeadLetteredMessageCarriesItsReasonAndDescriptionInTheDeadLetterQueue()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("bad") { MessageId = "bad-1", ApplicationProperties = { ["eventId"] = "e-9" } });
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        var message = await TestBus.ReceiveOneAsync(receiver);
        await receiver.DeadLetterMessageAsync(message, new Dictionary<string, object> { ["stage"] = "parse" }, "Unparseable", "The body is not JSON.");

        await using var deadLetters = bus.Client.CreateReceiver($"{TestBus.Queue}/$DeadLetterQueue");
        var dead = await TestBus.ReceiveOneAsync(deadLetters);
        Assert.Equal("bad-1", dead.MessageId);
        Assert.Equal("Unparseable", dead.DeadLetterReason);
        Assert.Equal("The body is not JSON.", dead.DeadLetterErrorDescription);
        Assert.Equal("parse", dead.ApplicationProperties["stage"]);
        Assert.Equal("e-9", dead.ApplicationProperties["eventId"]);
        Assert.Equal("bad", dead.Body.ToString());
        Assert.Equal(message.SequenceNumber, dead.SequenceNumber);
    }

    [Fact]
    public async Task DeadLetterQueueOfSubscriptionIsReadableAndSettleable()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Topic, new ServiceBusMessage("to the grave"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription);
        await receiver.DeadLetterMessageAsync(await TestBus.ReceiveOneAsync(receiver), "Because", "a test said so");

        await using var deadLetters = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal($"{TestBus.Topic}/Subscriptions/{TestBus.AllSubscription}/$DeadLetterQueue", deadLetters.EntityPath);
        var dead = await TestBus.ReceiveOneAsync(deadLetters);
        Assert.Equal("Because", dead.DeadLetterReason);
        await deadLetters.AbandonMessageAsync(dead);
        await deadLetters.CompleteMessageAsync(await TestBus.ReceiveOneAsync(deadLetters));
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(deadLetters.EntityPath));
    }

    [Fact]
    public async Task ExpiredLockRedeliversTheMessageWithDeliveryCountIncremented()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("slow"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.ShortLockQueue);

        var first = await TestBus.ReceiveOneAsync(receiver);
        Assert.Equal(clock.GetUtcNow() + TestBus.ShortLock, first.LockedUntil);
        clock.Advance(TestBus.ShortLock);
        var second = await TestBus.ReceiveOneAsync(receiver, TimeSpan.FromSeconds(5));

        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(2, second.DeliveryCount);
    }

    [Fact]
    public async Task SettlingAfterTheLockExpiredFailsWithMessageLockLost()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("late"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.ShortLockQueue);
        var message = await TestBus.ReceiveOneAsync(receiver);

        clock.Advance(TestBus.ShortLock); // whether or not the sweep has taken the message back yet

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(message));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, failure.Reason);
    }

    // The bus's clock moves half a lock between renewals: without them the lock would have run out at the second step.
    [Fact]
    public async Task RenewedLockOutlivesTheLockDuration()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("long job"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.ShortLockQueue);
        var message = await TestBus.ReceiveOneAsync(receiver);
        var firstLockEnd = message.LockedUntil;

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TestBus.ShortLock / 2);
            await receiver.RenewMessageLockAsync(message);
            Assert.Equal(clock.GetUtcNow() + TestBus.ShortLock, message.LockedUntil);
        }

        Assert.True(clock.GetUtcNow() > firstLockEnd, "the test ran past the first lock's end");
        await receiver.CompleteMessageAsync(message);
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.ShortLockQueue));
    }

    [Fact]
    public async Task RenewingALostLockFailsWithMessageLockLost()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("late"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.ShortLockQueue);
        var message = await TestBus.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(message);

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(message));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, failure.Reason);
    }

    [Fact]
    public async Task ExpiredMessageIsDeadLetteredWhenDeadLetteringOnExpirationIsOn()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ExpiringQueue, new ServiceBusMessage("stale") { MessageId = "stale-1" });

        clock.Advance(TestBus.ShortTimeToLive);

        await using var deadLetters = bus.Client.CreateReceiver(TestBus.ExpiringQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await TestBus.ReceiveOneAsync(deadLetters);
        Assert.Equal("stale-1", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.ExpiringQueue));
    }

    [Fact]
    public async Task ExpiredMessageIsDroppedWhenDeadLetteringOnExpirationIsOff()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ExpiringDroppedQueue, new ServiceBusMessage("stale"));
        Assert.Equal(1, bus.StandIn.GetCounts(TestBus.ExpiringDroppedQueue).Active);

        clock.Advance(TestBus.ShortTimeToLive);

        // Expiring and dead-lettering happen together, under the broker's lock: once the queue is empty, a copy would be there.
        await TestBus.UntilAsync(() => bus.StandIn.GetCounts(TestBus.ExpiringDroppedQueue).Total == 0, "the message to expire");
        Assert.Equal(0, bus.StandIn.GetCounts($"{TestBus.ExpiringDroppedQueue}/$DeadLetterQueue").Total);
    }

    [Fact]
    public async Task MessageTimeToLiveShorterThanTheQueuesWins()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("brief") { TimeToLive = TimeSpan.FromMilliseconds(300) });

        clock.Advance(TimeSpan.FromMilliseconds(300));

        await TestBus.UntilAsync(() => bus.StandIn.GetCounts(TestBus.Queue).Total == 0, "the message to expire after its own 300 ms");
    }
}
