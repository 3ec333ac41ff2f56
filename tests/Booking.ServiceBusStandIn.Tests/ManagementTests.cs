namespace Booking.ServiceBusStandIn.Tests;

public sealed class ManagementTests
{
    [Fact]
    public async Task PeekReturnsMessagesInOrderWithoutLockingThem()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("one") { MessageId = "1" }, new ServiceBusMessage("two") { MessageId = "2" });
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        var peeked = await receiver.PeekMessagesAsync(10);

        Assert.Equal(["1", "2"], peeked.Select(message => message.MessageId));
        Assert.Equal(["one", "two"], peeked.Select(message => message.Body.ToString()));
        var received = await TestBus.ReceiveOneAsync(receiver);
        Assert.Equal("1", received.MessageId);
        Assert.Equal(1, received.DeliveryCount);
    }

    [Fact]
    public async Task PeekOfADeadLetterQueueReturnsItsMessagesWithTheirReasonAndLeavesThemThere()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("queued") { MessageId = "q", ApplicationProperties = { ["kind"] = "order" } });
        await bus.SendAsync(TestBus.Topic, new ServiceBusMessage("published") { MessageId = "t" });
        await using var queueReceiver = bus.Client.CreateReceiver(TestBus.Queue);
        await queueReceiver.DeadLetterMessageAsync(await TestBus.ReceiveOneAsync(queueReceiver), "poison");
        await using var subscriptionReceiver = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription);
        await subscriptionReceiver.DeadLetterMessageAsync(await TestBus.ReceiveOneAsync(subscriptionReceiver), "poison");
        var deadLetterOptions = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter };
        await using var queueDeadLetters = bus.Client.CreateReceiver(TestBus.Queue, deadLetterOptions);
        await using var subscriptionDeadLetters = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription, deadLetterOptions);

        var queuePeeked = Assert.Single(await queueDeadLetters.PeekMessagesAsync(10));
        var subscriptionPeeked = Assert.Single(await subscriptionDeadLetters.PeekMessagesAsync(10));

        Assert.Equal(("q", "queued", "order", "poison"), (queuePeeked.MessageId, queuePeeked.Body.ToString(), queuePeeked.ApplicationProperties["kind"], queuePeeked.DeadLetterReason));
        Assert.Equal(("t", "published", "poison"), (subscriptionPeeked.MessageId, subscriptionPeeked.Body.ToString(), subscriptionPeeked.DeadLetterReason));
        Assert.Equal(1, bus.StandIn.GetCounts($"{TestBus.Queue}/$DeadLetterQueue").Total);
        Assert.Equal("q", (await TestBus.ReceiveOneAsync(queueDeadLetters)).MessageId);
    }

    [Fact]
    public async Task PeekOfAnEmptyQueueReturnsNothing()
    {
        await using var bus = await TestBus.StartAsync();
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task ScheduledMessageArrivesNoEarlierThanItsTime()
    {
        await using var bus = await TestBus.StartAsync();
        await using var sender = bus.Client.CreateSender(TestBus.Queue);
        var at = DateTimeOffset.UtcNow.AddMilliseconds(800);

        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("later") { MessageId = "later" }, at);

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var message = await TestBus.ReceiveOneAsync(receiver, TimeSpan.FromSeconds(5));
        var receivedAt = DateTimeOffset.UtcNow;

        Assert.True(sequenceNumber > 0);
        Assert.Equal(sequenceNumber, message.SequenceNumber);
        Assert.Equal("later", message.MessageId);
        Assert.True(receivedAt >= at, $"Received at {receivedAt:O}, scheduled for {at:O}.");
        Assert.True(message.EnqueuedTime >= at.AddMilliseconds(-1), $"Enqueued at {message.EnqueuedTime:O}, scheduled for {at:O}.");
    }

    [Fact]
    public async Task ScheduledMessageIsPeekedAsScheduled()
    {
        await using var bus = await TestBus.StartAsync();
        await using var sender = bus.Client.CreateSender(TestBus.Queue);
        var at = DateTimeOffset.UtcNow.AddMinutes(5);
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), at);

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var peeked = await receiver.PeekMessageAsync();

        Assert.NotNull(peeked);
        Assert.Equal(sequenceNumber, peeked.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Scheduled, peeked.State);
        Assert.Equal(at.ToUnixTimeMilliseconds(), peeked.ScheduledEnqueueTime.ToUnixTimeMilliseconds());
    }

    // A sentinel scheduled for the same time, not cancelled: the sweep that enqueues it would enqueue the other too.
    [Fact]
    public async Task CancelledScheduledMessageNeverArrives()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await using var sender = bus.Client.CreateSender(TestBus.Queue);
        var at = clock.GetUtcNow().AddMilliseconds(500);
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("never") { MessageId = "never" }, at);
        await sender.ScheduleMessageAsync(new ServiceBusMessage("sentinel") { MessageId = "sentinel" }, at);

        await sender.CancelScheduledMessageAsync(sequenceNumber);
        clock.Advance(TimeSpan.FromMilliseconds(500));

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        Assert.Equal("sentinel", (await TestBus.ReceiveOneAsync(receiver)).MessageId);
        Assert.Equal(new EntityCounts(0, 1, 0), bus.StandIn.GetCounts(TestBus.Queue));
        Assert.Equal(["sentinel"], (await receiver.PeekMessagesAsync(10, fromSequenceNumber: 0)).Select(m => m.MessageId)); // nor still scheduled
    }

    [Fact]
    public async Task MessageSentWithAScheduledEnqueueTimeWaitsForIt()
    {
        await using var bus = await TestBus.StartAsync();
        var at = DateTimeOffset.UtcNow.AddMilliseconds(700);
        await bus.SendAsync(TestBus.Topic, new ServiceBusMessage("later") { ScheduledEnqueueTime = at });

        await using var receiver = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription);
        var message = await TestBus.ReceiveOneAsync(receiver);

        Assert.Equal("later", message.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= at);
        Assert.True(message.EnqueuedTime >= at.AddMilliseconds(-1));
    }

    [Fact]
    public async Task DeferredMessageIsReceivedOnlyBySequenceNumberAndSettledThroughManagement()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("later please") { MessageId = "deferred" });
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var message = await TestBus.ReceiveOneAsync(receiver);

        await receiver.DeferMessageAsync(message);

        Assert.Equal(new EntityCounts(0, 0, 1), bus.StandIn.GetCounts(TestBus.Queue)); // set aside: nothing a receive could take
        Assert.Equal(ServiceBusMessageState.Deferred, (await receiver.PeekMessageAsync(message.SequenceNumber))!.State);
        var deferred = await receiver.ReceiveDeferredMessageAsync(message.SequenceNumber);
        Assert.Equal("deferred", deferred.MessageId);
        await receiver.CompleteMessageAsync(deferred);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task ReceivingAMessageThatIsNotDeferredFailsWithMessageNotFound()
    {
        await using var bus = await TestBus.StartAsync();
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(12345));

        Assert.Equal(ServiceBusFailureReason.MessageNotFound, failure.Reason);
    }
}
