namespace Booking.ServiceBusStandIn.Tests;

public sealed class LimitsTests
{
    [Fact]
    public async Task BodyLargerThanAnAmqpFrameArrivesWhole()
    {
        await using var bus = await TestBus.StartAsync();
        var body = new byte[200 * 1024];
        Random.Shared.NextBytes(body);

        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage(body));

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        Assert.Equal(body, (await TestBus.ReceiveOneAsync(receiver)).Body.ToArray());
    }

    [Fact]
    public async Task MessageOverTheStandardTierLimitIsRefusedWithMessageSizeExceeded()
    {
        await using var bus = await TestBus.StartAsync();
        await using var sender = bus.Client.CreateSender(TestBus.Queue);

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage(new byte[300 * 1024])));

        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, failure.Reason);
    }

    [Fact]
    public async Task ReceiverWithPrefetchGetsEveryMessageOnce()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, [.. Enumerable.Range(0, 25).Select(i => new ServiceBusMessage($"{i}") { MessageId = $"{i}" })]);

        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { PrefetchCount = 10 });
        var ids = new List<string>();
        while (ids.Count < 25 && await receiver.ReceiveMessagesAsync(25, TimeSpan.FromSeconds(2)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await receiver.CompleteMessageAsync(message);
                ids.Add(message.MessageId);
            }
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"{i}"), ids);
    }

    [Fact]
    public async Task ExpiresAtIsTheEnqueuedTimePlusTheEffectiveTimeToLive()
    {
        var queueTimeToLive = TimeSpan.FromMinutes(1);
        var entities = new Configuration.NamespaceDefinition(
            [new Configuration.QueueDefinition("q", new Configuration.EntitySettings { DefaultMessageTimeToLive = queueTimeToLive }, Configuration.DuplicateDetection.Off)],
            []);
        await using var bus = await TestBus.StartAsync(new ServiceBusStandInOptions { Entities = entities });
        await bus.SendAsync("q", new ServiceBusMessage("capped") { TimeToLive = TimeSpan.FromHours(1) }, new ServiceBusMessage("own") { TimeToLive = TimeSpan.FromSeconds(30) });

        await using var receiver = bus.Client.CreateReceiver("q");
        var capped = await TestBus.ReceiveOneAsync(receiver);
        var own = await TestBus.ReceiveOneAsync(receiver);

        Assert.Equal(queueTimeToLive, capped.TimeToLive);
        Assert.Equal(capped.EnqueuedTime + queueTimeToLive, capped.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(30), own.TimeToLive);
        Assert.Equal(own.EnqueuedTime + TimeSpan.FromSeconds(30), own.ExpiresAt);
    }
}
