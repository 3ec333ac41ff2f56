using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.ServiceBus;

/// <summary>
/// Reads a subscription's dead-letter sub-queue under peek-lock. A message the broker dead-lettered after its last
/// delivery is handled and then completed (removed); one that fails again, and any message dead-lettered for another
/// reason (expired, or by an operator's tool), is kept locked while this run lasts, so the run does not receive it twice,
/// and abandoned when the run ends, so it is there at once for the next run or an operator rather than only once its
/// lock expires (a minute). Only handled messages count toward the limit: skipped ones do not crowd out the outage's
/// victims.
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
        var handled = 0;
        var keptLocked = new List<ServiceBusReceivedMessage>();
        while (handled < limit)
        {
            var received = await receiver.ReceiveMessagesAsync(Math.Min(Batch, limit - handled), ReceiveWait, cancellationToken);
            if (received.Count == 0)
            {
                break;
            }

            foreach (var message in received)
            {
                if (message.DeadLetterReason != IDeadLetterQueue.MaxDeliveryCountExceeded)
                {
                    keptLocked.Add(message);
                    continue;
                }

                handled++;
                try
                {
                    await handle(message.ToBusMessage(), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    count = count with { FailedAgain = count.FailedAgain + 1 };
                    keptLocked.Add(message);
                    continue;
                }

                await receiver.CompleteMessageAsync(message, cancellationToken);
                count = count with { Redriven = count.Redriven + 1 };
            }
        }

        await GiveBackAsync(receiver, keptLocked, cancellationToken);
        return count;
    }

    private static async Task GiveBackAsync(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            }
            catch (ServiceBusException)
            {
                // Its lock is gone already: the broker gives it back when the lock expires.
            }
        }
    }
}
