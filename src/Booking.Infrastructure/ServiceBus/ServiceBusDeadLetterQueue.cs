using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.ServiceBus;

/// <summary>
/// Reads a subscription's dead-letter sub-queue under peek-lock. A message the broker dead-lettered after its last
/// delivery is handled and then completed (removed); one that fails again, and any message dead-lettered for another
/// reason (expired, or by an operator's tool), is held locked until this run ends, so the run does not receive it twice,
/// and then abandoned, so it is there at once for the next run or an operator: closing the receiver does not release a
/// lock, which would hide the message for the lock duration. Only handled messages count toward the limit: skipped
/// ones do not crowd out the outage's victims. A purge reads a queue's dead-letter sub-queue the same way: what is old
/// enough is completed unread, the rest abandoned at the end of the run.
/// </summary>
public sealed class ServiceBusDeadLetterQueue(ServiceBusClient client) : IDeadLetterQueue
{
    private const int Batch = 50;
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(2);

    public async Task<RedriveCount> RedriveAsync(
        string topic, string subscription, Func<BusMessage, CancellationToken, Task> handle, int limit, CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var count = default(RedriveCount);
        await TakeEachAsync(receiver, limit, async message =>
        {
            if (message.DeadLetterReason != IDeadLetterQueue.MaxDeliveryCountExceeded)
            {
                return Taken.No;
            }

            try
            {
                await handle(message.ToBusMessage(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                count = count with { FailedAgain = count.FailedAgain + 1 };
                return Taken.ButKept;
            }

            count = count with { Redriven = count.Redriven + 1 };
            return Taken.AndRemoved;
        }, cancellationToken);
        return count;
    }

    public async Task<int> PurgeAsync(string queue, DateTimeOffset enqueuedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        return await TakeEachAsync(receiver, limit, message => Task.FromResult(message.EnqueuedTime < enqueuedBefore ? Taken.AndRemoved : Taken.No), cancellationToken);
    }

    /// <summary>
    /// Receives the sub-queue under peek-lock until it has nothing more to give or <paramref name="take"/> took
    /// <paramref name="limit"/> messages; completes those it removed, and abandons the others once the run is over.
    /// Returns how many were removed.
    /// </summary>
    private static async Task<int> TakeEachAsync(
        ServiceBusReceiver receiver, int limit, Func<ServiceBusReceivedMessage, Task<Taken>> take, CancellationToken cancellationToken)
    {
        var taken = 0;
        var removed = 0;
        var kept = new List<ServiceBusReceivedMessage>();
        while (taken < limit)
        {
            var received = await receiver.ReceiveMessagesAsync(Math.Min(Batch, limit - taken), ReceiveWait, cancellationToken);
            if (received.Count == 0)
            {
                break;
            }

            foreach (var message in received)
            {
                var outcome = await take(message);
                if (outcome != Taken.No)
                {
                    taken++;
                }

                if (outcome == Taken.AndRemoved)
                {
                    await receiver.CompleteMessageAsync(message, cancellationToken);
                    removed++;
                }
                else
                {
                    kept.Add(message);
                }
            }
        }

        await ReleaseAsync(receiver, kept, cancellationToken);
        return removed;
    }

    private static async Task ReleaseAsync(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> kept, CancellationToken cancellationToken)
    {
        foreach (var message in kept)
        {
            try
            {
                await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            }
            catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.MessageLockLost)
            {
                // A long run outlived the lock: the message is available again already.
            }
        }
    }

    /// <summary>What a run did with one message: skipped it (it does not count toward the limit), took it and kept it, or took and removed it.</summary>
    private enum Taken
    {
        No,
        ButKept,
        AndRemoved,
    }
}
