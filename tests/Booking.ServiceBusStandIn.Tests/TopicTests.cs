namespace Booking.ServiceBusStandIn.Tests;

public sealed class TopicTests
{
    [Fact]
    public async Task TopicCopiesEachMessageToEverySubscriptionWhoseFilterMatches()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Topic, new ServiceBusMessage("for a") { MessageId = "m-a", ApplicationProperties = { ["partnerId"] = "partner-a" } });

        foreach (var subscription in new[] { TestBus.AllSubscription, TestBus.PartnersSubscription, TestBus.ChosenPartnersSubscription })
        {
            await using var receiver = bus.Client.CreateReceiver(TestBus.Topic, subscription);
            var message = await TestBus.ReceiveOneAsync(receiver);
            Assert.Equal("m-a", message.MessageId);
            await receiver.CompleteMessageAsync(message);
        }
    }

    [Fact]
    public async Task ExistsFilterLetsInOnlyMessagesCarryingTheProperty()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(
            TestBus.Topic,
            new ServiceBusMessage("no partner") { MessageId = "none" },
            new ServiceBusMessage("some partner") { MessageId = "z", ApplicationProperties = { ["partnerId"] = "partner-z" } });

        await using var partners = bus.Client.CreateReceiver(TestBus.Topic, TestBus.PartnersSubscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        Assert.Equal("z", (await TestBus.ReceiveOneAsync(partners)).MessageId);
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(partners.EntityPath)); // the topic copies on send: "none" never got in

        await using var all = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var everything = await all.ReceiveMessagesAsync(2, TimeSpan.FromSeconds(5));
        if (everything.Count < 2)
        {
            everything = [.. everything, .. await all.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(5))];
        }

        Assert.Equal(["none", "z"], everything.Select(message => message.MessageId));
    }

    [Fact]
    public async Task InFilterLetsInOnlyTheListedValues()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(
            TestBus.Topic,
            new ServiceBusMessage { MessageId = "a", ApplicationProperties = { ["partnerId"] = "partner-a" } },
            new ServiceBusMessage { MessageId = "z", ApplicationProperties = { ["partnerId"] = "partner-z" } },
            new ServiceBusMessage { MessageId = "quoted", ApplicationProperties = { ["partnerId"] = "o'brien" } },
            new ServiceBusMessage { MessageId = "none" });

        await using var chosen = bus.Client.CreateReceiver(TestBus.Topic, TestBus.ChosenPartnersSubscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var ids = new List<string>();
        while (await chosen.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)) is { } message)
        {
            ids.Add(message.MessageId);
        }

        Assert.Equal(["a", "quoted"], ids);
    }

    [Fact]
    public async Task SubscriptionAbandonedPastItsMaxDeliveryCountIsDeadLettered()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Topic, new ServiceBusMessage("poison"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription);

        await receiver.AbandonMessageAsync(await TestBus.ReceiveOneAsync(receiver));
        await receiver.AbandonMessageAsync(await TestBus.ReceiveOneAsync(receiver));

        await using var deadLetters = bus.Client.CreateReceiver(TestBus.Topic, TestBus.AllSubscription, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal("MaxDeliveryCountExceeded", (await TestBus.ReceiveOneAsync(deadLetters)).DeadLetterReason);
    }
}
