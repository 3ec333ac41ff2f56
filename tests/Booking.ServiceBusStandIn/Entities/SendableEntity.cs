using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>
/// A queue or topic as senders see it: duplicate detection by MessageId, scheduled messages, then routing to the
/// entity's message queue(s). Every member is called under the broker's lock.
/// </summary>
internal abstract class SendableEntity(string name, DuplicateDetection duplicateDetection)
{
    private readonly Dictionary<string, DateTime> acceptedMessageIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, BrokeredMessage> scheduled = [];

    public string Name { get; } = name;

    /// <summary>Every queue a receiver can read that belongs to this entity, dead-letter queues included.</summary>
    public abstract IEnumerable<MessageQueue> Queues { get; }

    /// <summary>
    /// Accepts a sent message; returns its sequence number, or null when it was a duplicate (accepted and dropped,
    /// as Service Bus does).
    /// </summary>
    public long? Accept(BrokeredMessage message, DateTime now, Func<long> nextSequenceNumber)
    {
        if (IsDuplicate(message.MessageId, now))
        {
            return null;
        }

        message.SequenceNumber = nextSequenceNumber();
        if (message.ScheduledEnqueueTimeUtc is { } at && at > now)
        {
            message.State = MessageState.Scheduled;
            scheduled[message.SequenceNumber] = message;
            return message.SequenceNumber;
        }

        message.EnqueuedTimeUtc = now;
        Route(message);
        return message.SequenceNumber;
    }

    public bool CancelScheduled(long sequenceNumber) => scheduled.Remove(sequenceNumber);

    public IEnumerable<BrokeredMessage> ScheduledMessages => scheduled.Values;

    /// <summary>Enqueues scheduled messages whose time has come and forgets message ids older than the window.</summary>
    public void Sweep(DateTime now)
    {
        foreach (var message in scheduled.Values.Where(message => message.ScheduledEnqueueTimeUtc <= now).ToList())
        {
            scheduled.Remove(message.SequenceNumber);
            message.State = MessageState.Active;
            message.EnqueuedTimeUtc = now;
            Route(message);
        }

        if (acceptedMessageIds.Count > 0)
        {
            foreach (var expired in acceptedMessageIds.Where(pair => now - pair.Value >= duplicateDetection.Window).Select(pair => pair.Key).ToList())
            {
                acceptedMessageIds.Remove(expired);
            }
        }
    }

    protected abstract void Route(BrokeredMessage message);

    private bool IsDuplicate(string? messageId, DateTime now)
    {
        if (!duplicateDetection.Enabled || messageId is null)
        {
            return false;
        }

        if (acceptedMessageIds.TryGetValue(messageId, out var acceptedAt) && now - acceptedAt < duplicateDetection.Window)
        {
            return true;
        }

        acceptedMessageIds[messageId] = now;
        return false;
    }
}
