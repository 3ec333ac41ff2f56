using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Messages;
using Microsoft.Azure.Amqp;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>
/// The namespace's entities and the one lock that guards them. AMQP callbacks come here; deliveries picked under
/// the lock are sent after it is released.
/// </summary>
internal sealed class Broker
{
    private readonly object sync = new();
    private readonly Dictionary<string, SendableEntity> sendable = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MessageQueue> receivable = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider clock;
    private long lastSequenceNumber;

    public Broker(NamespaceDefinition definition, TimeProvider clock)
    {
        this.clock = clock;
        foreach (var queue in definition.Queues)
        {
            Add(new QueueEntity(queue));
        }

        foreach (var topic in definition.Topics)
        {
            Add(new TopicEntity(topic));
        }
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool TryGetSendable(string path, out SendableEntity entity) => sendable.TryGetValue(path, out entity!);

    public bool TryGetReceivable(string path, out MessageQueue queue) => receivable.TryGetValue(path, out queue!);

    public bool Exists(string path) => sendable.ContainsKey(path) || receivable.ContainsKey(path);

    public EntityCounts? Counts(string path)
    {
        lock (sync)
        {
            return receivable.TryGetValue(path, out var queue) ? queue.Counts : null;
        }
    }

    /// <summary>True when no queue or subscription (dead-letter queues aside) holds an available or locked message.</summary>
    public bool IsIdle()
    {
        lock (sync)
        {
            return receivable.Values
                .Where(queue => queue.DeadLetterQueue is not null)
                .All(queue => queue.Counts is { Active: 0, Locked: 0 });
        }
    }

    /// <summary>Accepts sent messages; returns their sequence numbers (null for a dropped duplicate).</summary>
    public IReadOnlyList<long?> Send(SendableEntity entity, IEnumerable<MessageContent> messages)
    {
        var outbox = new List<PendingDelivery>();
        var sequenceNumbers = new List<long?>();
        lock (sync)
        {
            var now = Now;
            foreach (var content in messages)
            {
                sequenceNumbers.Add(entity.Accept(BrokeredMessage.From(content), now, () => ++lastSequenceNumber));
            }

            foreach (var queue in entity.Queues)
            {
                queue.Dispatch(now, outbox);
            }
        }

        Deliver(outbox);
        return sequenceNumbers;
    }

    public bool CancelScheduled(SendableEntity entity, IEnumerable<long> sequenceNumbers)
    {
        lock (sync)
        {
            return sequenceNumbers.Select(entity.CancelScheduled).ToList().All(cancelled => cancelled);
        }
    }

    public void AddConsumer(Consumer consumer)
    {
        lock (sync)
        {
            consumer.Queue.AddConsumer(consumer);
        }
    }

    public void RemoveConsumer(Consumer consumer)
    {
        lock (sync)
        {
            consumer.Queue.RemoveConsumer(consumer);
        }
    }

    public void Dispatch(MessageQueue queue)
    {
        var outbox = new List<PendingDelivery>();
        lock (sync)
        {
            queue.Dispatch(Now, outbox);
        }

        Deliver(outbox);
    }

    public bool Settle(MessageQueue queue, Guid lockToken, Settlement settlement)
    {
        var outbox = new List<PendingDelivery>();
        bool settled;
        lock (sync)
        {
            var now = Now;
            settled = queue.TrySettle(lockToken, settlement, now);
            queue.Dispatch(now, outbox);
        }

        Deliver(outbox);
        return settled;
    }

    public IReadOnlyList<DateTime?> RenewLocks(MessageQueue queue, IEnumerable<Guid> lockTokens)
    {
        lock (sync)
        {
            var now = Now;
            return lockTokens.Select(token => queue.RenewLock(token, now)).ToList();
        }
    }

    /// <summary>Deferred messages taken by sequence number, as the receiver gets them, with their lock tokens.</summary>
    public IReadOnlyList<(AmqpMessage Message, Guid? LockToken)>? ReceiveDeferred(MessageQueue queue, IReadOnlyList<long> sequenceNumbers, bool peekLock)
    {
        lock (sync)
        {
            return queue.ReceiveDeferred(sequenceNumbers, peekLock, Now)?
                .Select(item => (item.Message.ToDelivery(item.Lock?.LockedUntilUtc, peeked: false), item.Lock?.Token))
                .ToList();
        }
    }

    /// <summary>Peeked messages, encoded as the receiver would get them (without a lock).</summary>
    public IReadOnlyList<AmqpMessage> Peek(MessageQueue? queue, SendableEntity? owner, long fromSequenceNumber, int count)
    {
        lock (sync)
        {
            var messages = (queue?.Peek(fromSequenceNumber, count) ?? [])
                .Concat(owner?.ScheduledMessages.Where(message => message.SequenceNumber >= fromSequenceNumber) ?? [])
                .OrderBy(message => message.SequenceNumber)
                .Take(count);
            return messages.Select(message => message.ToDelivery(null, peeked: true)).ToList();
        }
    }

    /// <summary>Expires locks and messages, enqueues due scheduled messages, and dispatches.</summary>
    public void Sweep()
    {
        var outbox = new List<PendingDelivery>();
        lock (sync)
        {
            var now = Now;
            foreach (var entity in sendable.Values)
            {
                entity.Sweep(now);
            }

            foreach (var queue in receivable.Values)
            {
                queue.Sweep(now);
                queue.Dispatch(now, outbox);
            }
        }

        Deliver(outbox);
    }

    private void Deliver(List<PendingDelivery> outbox)
    {
        foreach (var delivery in outbox)
        {
            try
            {
                delivery.Consumer.Link.SendMessageNoWait(delivery.Message, delivery.DeliveryTag, AmqpConstants.NullBinary);
            }
            catch (Exception exception) when (exception is InvalidOperationException or AmqpException or ObjectDisposedException)
            {
                lock (sync)
                {
                    delivery.Consumer.Queue.Undeliver(delivery);
                }
            }
            finally
            {
                delivery.Consumer.Release();
            }
        }
    }

    private void Add(SendableEntity entity)
    {
        sendable.Add(entity.Name, entity);
        foreach (var queue in entity.Queues)
        {
            receivable.Add(queue.Path, queue);
        }
    }
}
