using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>
/// Messages a receiver can take: a queue, a subscription, or the dead-letter queue of either. Every member is
/// called under the broker's lock.
/// </summary>
internal sealed class MessageQueue(string path, EntitySettings settings, MessageQueue? deadLetterQueue)
{
    public const string DeadLetterQueueSuffix = "$DeadLetterQueue";

    private readonly SortedDictionary<long, BrokeredMessage> available = [];
    private readonly Dictionary<Guid, MessageLock> locks = [];
    private readonly SortedDictionary<long, BrokeredMessage> deferred = [];
    private readonly List<Consumer> consumers = [];
    private int nextConsumer;

    public string Path { get; } = path;

    public EntitySettings Settings { get; } = settings;

    /// <summary>Null for a dead-letter queue itself.</summary>
    public MessageQueue? DeadLetterQueue { get; } = deadLetterQueue;

    public EntityCounts Counts => new(available.Count, locks.Count, deferred.Count);

    public void AddConsumer(Consumer consumer) => consumers.Add(consumer);

    public void RemoveConsumer(Consumer consumer) => consumers.Remove(consumer);

    /// <summary>A new message: its expiry is the shorter of the entity's and the message's own time-to-live.</summary>
    public void Enqueue(BrokeredMessage message, TimeSpan entityTimeToLive)
    {
        var ttl = message.Content.Header?.Ttl is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.MaxValue;
        if (entityTimeToLive < ttl)
        {
            ttl = entityTimeToLive;
        }

        message.ExpiresAtUtc = ttl >= DateTime.MaxValue - message.EnqueuedTimeUtc ? DateTime.MaxValue : message.EnqueuedTimeUtc + ttl;
        available[message.SequenceNumber] = message;
    }

    /// <summary>Hands available messages to receivers with credit, round robin.</summary>
    public void Dispatch(DateTime now, List<PendingDelivery> outbox)
    {
        while (available.Count > 0 && NextConsumerWithCredit() is { } consumer)
        {
            var (sequenceNumber, message) = available.First();
            available.Remove(sequenceNumber);
            if (message.ExpiresAtUtc <= now)
            {
                Expire(message);
                continue;
            }

            consumer.Reserve();
            if (consumer.ReceiveAndDelete)
            {
                outbox.Add(new PendingDelivery(consumer, message, message.ToDelivery(null, peeked: false), Tag(Guid.NewGuid()), null));
                continue;
            }

            var token = Guid.NewGuid();
            var lockedUntil = now + Settings.LockDuration;
            locks[token] = new MessageLock(token, message, lockedUntil);
            outbox.Add(new PendingDelivery(consumer, message, message.ToDelivery(lockedUntil, peeked: false), Tag(token), token));
        }
    }

    /// <summary>A delivery that could not be sent: its message is available again, unchanged.</summary>
    public void Undeliver(PendingDelivery delivery)
    {
        if (delivery.LockToken is not { } token || locks.Remove(token))
        {
            available[delivery.Source.SequenceNumber] = delivery.Source;
        }
    }

    /// <summary>
    /// Settles a locked message; false when the lock is gone (already settled, or expired: at its time, even when no
    /// sweep has taken the message back yet, as Service Bus refuses a settlement after the lock's end).
    /// </summary>
    public bool TrySettle(Guid token, Settlement settlement, DateTime now)
    {
        if (!locks.TryGetValue(token, out var held) || held.LockedUntilUtc <= now)
        {
            return false;
        }

        locks.Remove(token);

        var message = held.Message;
        foreach (var property in settlement.PropertiesToModify)
        {
            message.SetApplicationProperty(property.Key, property.Value);
        }

        switch (settlement.Kind)
        {
            case SettlementKind.Complete:
                break;
            case SettlementKind.Abandon:
                Redeliver(message, countDelivery: true, held.Deferred);
                break;
            case SettlementKind.Release:
                Redeliver(message, countDelivery: false, held.Deferred);
                break;
            case SettlementKind.Defer:
                message.State = MessageState.Deferred;
                deferred[message.SequenceNumber] = message;
                break;
            case SettlementKind.DeadLetter:
                DeadLetter(message, settlement.DeadLetterReason, settlement.DeadLetterErrorDescription);
                break;
        }

        return true;
    }

    /// <summary>Extends a lock by the entity's lock duration; null when the lock is gone.</summary>
    public DateTime? RenewLock(Guid token, DateTime now)
    {
        if (!locks.TryGetValue(token, out var held) || held.LockedUntilUtc <= now)
        {
            return null;
        }

        held.LockedUntilUtc = now + Settings.LockDuration;
        return held.LockedUntilUtc;
    }

    /// <summary>
    /// Takes deferred messages by sequence number (locked, or removed in receive-and-delete mode); null when one of
    /// them is not deferred here.
    /// </summary>
    public IReadOnlyList<(BrokeredMessage Message, MessageLock? Lock)>? ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, bool peekLock, DateTime now)
    {
        if (!sequenceNumbers.All(deferred.ContainsKey))
        {
            return null;
        }

        var received = new List<(BrokeredMessage, MessageLock?)>();
        foreach (var sequenceNumber in sequenceNumbers)
        {
            deferred.Remove(sequenceNumber, out var message);
            MessageLock? held = null;
            if (peekLock)
            {
                held = new MessageLock(Guid.NewGuid(), message!, now + Settings.LockDuration, deferred: true);
                locks[held.Token] = held;
            }

            received.Add((message!, held));
        }

        return received;
    }

    /// <summary>Browses without locking: available, locked and deferred messages from a sequence number on.</summary>
    public IReadOnlyList<BrokeredMessage> Peek(long fromSequenceNumber, int count) =>
        available.Values
            .Concat(locks.Values.Select(held => held.Message))
            .Concat(deferred.Values)
            .Where(message => message.SequenceNumber >= fromSequenceNumber)
            .OrderBy(message => message.SequenceNumber)
            .Take(count)
            .ToList();

    /// <summary>Lost locks come back (one more delivery counted); expired messages leave.</summary>
    public void Sweep(DateTime now)
    {
        foreach (var held in locks.Values.Where(held => held.LockedUntilUtc <= now).ToList())
        {
            locks.Remove(held.Token);
            Redeliver(held.Message, countDelivery: true, held.Deferred);
        }

        foreach (var message in available.Values.Where(message => message.ExpiresAtUtc <= now).ToList())
        {
            available.Remove(message.SequenceNumber);
            Expire(message);
        }
    }

    /// <summary>Takes a message that was dead-lettered elsewhere; dead letters never expire.</summary>
    public void AcceptDeadLetter(BrokeredMessage message)
    {
        message.ExpiresAtUtc = DateTime.MaxValue;
        available[message.SequenceNumber] = message;
    }

    private void Redeliver(BrokeredMessage message, bool countDelivery, bool deferredBefore = false)
    {
        if (countDelivery)
        {
            message.DeliveryCount++;
        }

        if (DeadLetterQueue is not null && message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            DeadLetter(
                message,
                AnnotationNames.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.");
            return;
        }

        if (deferredBefore)
        {
            message.State = MessageState.Deferred;
            deferred[message.SequenceNumber] = message;
        }
        else
        {
            available[message.SequenceNumber] = message;
        }
    }

    private void Expire(BrokeredMessage message)
    {
        if (Settings.DeadLetteringOnMessageExpiration && DeadLetterQueue is not null)
        {
            DeadLetter(message, AnnotationNames.TtlExpired, "The message expired and was dead lettered.");
        }
    }

    private void DeadLetter(BrokeredMessage message, string? reason, string? description)
    {
        message.State = MessageState.Active;
        if (DeadLetterQueue is null)
        {
            // A dead letter dead-lettered again stays where it is, as in Service Bus.
            available[message.SequenceNumber] = message;
            return;
        }

        if (reason is not null)
        {
            message.SetApplicationProperty(AnnotationNames.DeadLetterReason, reason);
        }

        if (description is not null)
        {
            message.SetApplicationProperty(AnnotationNames.DeadLetterErrorDescription, description);
        }

        DeadLetterQueue.AcceptDeadLetter(message);
    }

    private Consumer? NextConsumerWithCredit()
    {
        for (var i = 0; i < consumers.Count; i++)
        {
            var consumer = consumers[(nextConsumer + i) % consumers.Count];
            if (consumer.HasCredit)
            {
                nextConsumer = (nextConsumer + i + 1) % consumers.Count;
                return consumer;
            }
        }

        return null;
    }

    private static ArraySegment<byte> Tag(Guid token) => new(token.ToByteArray());
}
