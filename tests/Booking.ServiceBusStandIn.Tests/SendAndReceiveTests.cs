namespace Booking.ServiceBusStandIn.Tests;

public sealed class SendAndReceiveTests
{
    [Fact]
    public async Task SentMessageIsReceivedWithItsIdsPropertiesAndBodyIntact()
    {
        await using var bus = await TestBus.StartAsync();
        var sent = new ServiceBusMessage(BinaryData.FromBytes([0, 1, 2, 250, 255]))
        {
            MessageId = "message-1",
            CorrelationId = "correlation-1",
            Subject = "AppointmentBooked",
            ContentType = "application/json",
            ApplicationProperties = { ["eventId"] = "e-1", ["attempt"] = 3, ["when"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ["flag"] = true },
        };

        await bus.SendAsync(TestBus.Queue, sent);
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var received = await TestBus.ReceiveOneAsync(receiver);

        Assert.Equal("message-1", received.MessageId);
        Assert.Equal("correlation-1", received.CorrelationId);
        Assert.Equal("AppointmentBooked", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, received.Body.ToArray());
        Assert.Equal("e-1", received.ApplicationProperties["eventId"]);
        Assert.Equal(3, received.ApplicationProperties["attempt"]);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), received.ApplicationProperties["when"]);
        Assert.Equal(true, received.ApplicationProperties["flag"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.InRange(received.EnqueuedTime, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task BatchIsReceivedAsSeparateMessagesInSendOrder()
    {
        await using var bus = await TestBus.StartAsync();
        await using var sender = bus.Client.CreateSender(TestBus.Queue);
        using var batch = await sender.CreateMessageBatchAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"body-{i}") { MessageId = $"m-{i}" }));
        }

        await sender.SendMessagesAsync(batch);
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < 5)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(5, TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(["body-0", "body-1", "body-2", "body-3", "body-4"], received.Select(message => message.Body.ToString()));
        Assert.Equal(["m-0", "m-1", "m-2", "m-3", "m-4"], received.Select(message => message.MessageId));
        Assert.Equal(received.Select(message => message.SequenceNumber).Order(), received.Select(message => message.SequenceNumber));
    }

    [Fact]
    public async Task ListOfMessagesSentAtOnceIsReceivedInFull()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, [.. Enumerable.Range(0, 20).Select(i => new ServiceBusMessage($"n{i}"))]);

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var bodies = new List<string>();
        while (bodies.Count < 20)
        {
            var batch = await receiver.ReceiveMessagesAsync(20, TimeSpan.FromSeconds(5));
            Assert.NotEmpty(batch);
            bodies.AddRange(batch.Select(message => message.Body.ToString()));
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"n{i}"), bodies);
    }

    [Fact]
    public async Task CompletedMessageIsNotDeliveredAgain()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("once"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);

        await receiver.CompleteMessageAsync(await TestBus.ReceiveOneAsync(receiver));

        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.Queue));
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task ReceiveAndDeleteRemovesTheMessageOnReceipt()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("gone"));

        await using (var receiver = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete }))
        {
            Assert.Equal("gone", (await TestBus.ReceiveOneAsync(receiver)).Body.ToString());
        }

        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.Queue));
    }

    [Fact]
    public async Task MessageIdSeenWithinTheDuplicateDetectionWindowIsDropped()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("first") { MessageId = "same" });
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("second") { MessageId = "same" });
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("other") { MessageId = "different" });

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var bodies = new List<string>();
        while (await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)) is { } message)
        {
            bodies.Add(message.Body.ToString());
        }

        Assert.Equal(["first", "other"], bodies);
    }

    [Fact]
    public async Task QueueWithoutDuplicateDetectionKeepsRepeatedMessageIds()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("a") { MessageId = "same" }, new ServiceBusMessage("b") { MessageId = "same" });

        await using var receiver = bus.Client.CreateReceiver(TestBus.ShortLockQueue);
        var messages = await receiver.ReceiveMessagesAsync(2, TimeSpan.FromSeconds(5));
        if (messages.Count < 2)
        {
            messages = [.. messages, .. await receiver.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(5))];
        }

        Assert.Equal(2, messages.Count);
    }
}
