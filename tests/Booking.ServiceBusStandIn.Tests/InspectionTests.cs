namespace Booking.ServiceBusStandIn.Tests;

public sealed class InspectionTests
{
    [Fact]
    public async Task CountsSayWhatEachQueueHoldsAndIdleWaitsUntilNothingIsLeftToHandle()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("a"), new ServiceBusMessage("b"));
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        var first = await TestBus.ReceiveOneAsync(receiver);

        Assert.Equal(new EntityCounts(1, 1, 0), bus.StandIn.GetCounts(TestBus.Queue));
        await Assert.ThrowsAsync<TimeoutException>(() => bus.StandIn.WhenIdleAsync(TimeSpan.FromMilliseconds(100)));

        await receiver.DeadLetterMessageAsync(first, "checked");
        await receiver.CompleteMessageAsync(await TestBus.ReceiveOneAsync(receiver));
        await bus.StandIn.WhenIdleAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.Queue));
        Assert.Equal(1, bus.StandIn.GetCounts($"{TestBus.Queue}/$DeadLetterQueue").Total);
        Assert.Throws<ArgumentException>(() => bus.StandIn.GetCounts(TestBus.Topic));
    }
}
