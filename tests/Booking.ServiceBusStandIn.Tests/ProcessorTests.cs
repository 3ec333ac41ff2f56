using System.Collections.Concurrent;

namespace Booking.ServiceBusStandIn.Tests;

public sealed class ProcessorTests
{
    [Fact]
    public async Task ProcessorWithConcurrentCallsHandlesEveryMessageExactlyOnce()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, [.. Enumerable.Range(0, 40).Select(i => new ServiceBusMessage($"{i}") { MessageId = $"{i}" })]);
        var handled = new ConcurrentBag<string>();
        var concurrent = 0;
        var maxConcurrent = 0;
        using var all = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = new TaskCompletionSource();

        await using var processor = bus.Client.CreateProcessor(TestBus.Queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        processor.ProcessMessageAsync += async args =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            await Task.Delay(20);
            handled.Add(args.Message.MessageId);
            Interlocked.Decrement(ref concurrent);
            if (handled.Count == 40)
            {
                done.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args => Task.CompletedTask;

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(all.Token);
        await processor.StopProcessingAsync();

        Assert.Equal(40, handled.Distinct().Count());
        Assert.Equal(40, handled.Count);
        Assert.True(maxConcurrent > 1, $"The processor never ran more than {maxConcurrent} handler at once.");
        await using var receiver = bus.Client.CreateReceiver(TestBus.Queue);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    // The handler outlasts the lock in the bus's time, which it moves on itself half a lock at a time, each time only once
    // the processor has renewed the lock at the current time: the lock runs out only if a renewal is missing, never
    // because a loaded machine was slow to renew.
    [Fact]
    public async Task ProcessorRenewsTheLockOfAHandlerSlowerThanTheLockDuration()
    {
        var clock = TestBus.Clock();
        await using var bus = await TestBus.StartAsync(clock);
        await bus.SendAsync(TestBus.ShortLockQueue, new ServiceBusMessage("slow") { MessageId = "slow" });
        var deliveries = new ConcurrentBag<int>();
        var errors = new ConcurrentBag<Exception>();
        var done = new TaskCompletionSource();

        await using var processor = bus.Client.CreateProcessor(TestBus.ShortLockQueue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 1 });
        processor.ProcessMessageAsync += async args =>
        {
            deliveries.Add(args.Message.DeliveryCount);
            try
            {
                var firstLockEnd = args.Message.LockedUntil;
                while (clock.GetUtcNow() <= firstLockEnd)
                {
                    await TestBus.UntilAsync(() => args.Message.LockedUntil >= clock.GetUtcNow() + TestBus.ShortLock, $"the processor to renew the lock at {clock.GetUtcNow():HH:mm:ss.fff}");
                    clock.Advance(TestBus.ShortLock / 2);
                }

                await args.CompleteMessageAsync(args.Message);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Add(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal([1], deliveries);
        Assert.Equal(new EntityCounts(0, 0, 0), bus.StandIn.GetCounts(TestBus.ShortLockQueue)); // completed: nothing left to deliver again
    }

    [Fact]
    public async Task ProcessorHandlerThatThrowsLeadsToDeadLetteringAfterMaxDeliveryCount()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, new ServiceBusMessage("poison") { MessageId = "poison" });
        var attempts = 0;

        await using var processor = bus.Client.CreateProcessor(TestBus.Queue);
        processor.ProcessMessageAsync += _ =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("cannot handle this");
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();

        await using var deadLetters = bus.Client.CreateReceiver(TestBus.Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await TestBus.ReceiveOneAsync(deadLetters, TimeSpan.FromSeconds(10));
        await processor.StopProcessingAsync();

        Assert.Equal("poison", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(3, attempts);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
