using System.Collections.Concurrent;
using System.Threading.Channels;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// A Service Bus stand-in for the local host, in memory: queues and topics with subscriptions, duplicate
/// detection by message id (10 minutes), redelivery on failure up to a maximum delivery count, then
/// dead-lettering with that reason, as Service Bus does for a trigger that throws. The last <see cref="RecordedPerEntity"/> messages sent to each entity, and every
/// dead letter, are kept for <c>/dev/bus</c>.
/// Messages in flight are lost if the process stops; the outbox sweeper republishes what was not yet out.
/// </summary>
public sealed class EmbeddedMessageBus : IMessageBus, IDeadLetterQueue, IDisposable
{
    public const int DefaultMaxDeliveryCount = 10;

    /// <summary>How many sent messages <c>/dev/bus</c> shows per entity: enough to inspect, without growing with every booking.</summary>
    public const int RecordedPerEntity = 10_000;

    private const int PruneSeenEvery = 10_000;
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, List<Receiver>> _receivers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedMessage>> _sent = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, List<RecordedMessage>> _deadLetters = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private int _sends;
    private int _disposed;

    public EmbeddedMessageBus(TimeProvider time) => _time = time;

    /// <summary>Delivers what reaches <paramref name="entity"/> (a queue, or a topic's <paramref name="subscription"/>) to <paramref name="handler"/>.</summary>
    public void Subscribe(string entity, string? subscription, Func<BusMessage, CancellationToken, Task> handler, int maxDeliveryCount = DefaultMaxDeliveryCount)
    {
        var receiver = new Receiver(entity, subscription, handler, maxDeliveryCount, Channel.CreateUnbounded<Delivery>());
        _receivers.AddOrUpdate(entity, _ => [receiver], (_, list) => [.. list, receiver]);
        _ = Task.Run(() => PumpAsync(receiver));
    }

    public Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var dedupeKey = entity.ToUpperInvariant() + "\n" + message.MessageId;
        if (_seen.TryGetValue(dedupeKey, out var seenAt) && now - seenAt < DuplicateWindow)
        {
            return Task.CompletedTask;
        }

        _seen[dedupeKey] = now;
        if (Interlocked.Increment(ref _sends) % PruneSeenEvery == 0)
        {
            ForgetSeenBefore(now - DuplicateWindow);
        }

        var recorded = _sent.GetOrAdd(entity, _ => new());
        recorded.Enqueue(new RecordedMessage(message.MessageId, message.Body, message.ApplicationProperties, now, null, null));
        while (recorded.Count > RecordedPerEntity && recorded.TryDequeue(out _))
        {
        }
        foreach (var receiver in _receivers.GetValueOrDefault(entity) ?? [])
        {
            Interlocked.Increment(ref _inFlight);
            receiver.Inbox.Writer.TryWrite(new Delivery(message, 0));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<RecordedMessage> SentTo(string entity) => [.. _sent.GetValueOrDefault(entity) ?? new()];

    public IReadOnlyList<RecordedMessage> DeadLettered(string entity)
    {
        var list = _deadLetters.GetValueOrDefault(entity);
        if (list is null)
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    public async Task<RedriveCount> RedriveAsync(
        string topic, string subscription, Func<BusMessage, CancellationToken, Task> handle, int limit, CancellationToken cancellationToken)
    {
        var list = _deadLetters.GetOrAdd(topic, _ => []);
        List<RecordedMessage> taken;
        lock (list)
        {
            taken = [.. list.Where(m => m.Subscription == subscription && m.DeadLetterReason?.StartsWith(IDeadLetterQueue.MaxDeliveryCountExceeded, StringComparison.Ordinal) == true).Take(limit)];
            list.RemoveAll(taken.Contains);
        }

        var count = default(RedriveCount);
        foreach (var message in taken)
        {
            try
            {
                await handle(new BusMessage(message.MessageId, message.Body, message.ApplicationProperties), cancellationToken);
                count = count with { Redriven = count.Redriven + 1 };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (list)
                {
                    list.Add(message);
                }

                count = count with { FailedAgain = count.FailedAgain + 1 };
            }
        }

        return count;
    }

    public Task<int> PurgeAsync(string queue, DateTimeOffset enqueuedBefore, int limit, CancellationToken cancellationToken)
    {
        var list = _deadLetters.GetOrAdd(queue, _ => []);
        lock (list)
        {
            var old = list.Where(m => m.Subscription is null && m.EnqueuedAt < enqueuedBefore).Take(limit).ToList();
            list.RemoveAll(old.Contains);
            return Task.FromResult(old.Count);
        }
    }

    /// <summary>Completes once every message sent so far has been handled or dead-lettered.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (Volatile.Read(ref _inFlight) > 0)
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw new TimeoutException("The embedded bus did not drain in time.");
            }

            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    // Duplicate detection only looks back one window; ids older than that would otherwise be kept for ever.
    private void ForgetSeenBefore(DateTimeOffset cutoff)
    {
        foreach (var (key, seenAt) in _seen)
        {
            if (seenAt < cutoff)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }

    private async Task PumpAsync(Receiver receiver)
    {
        await foreach (var delivery in receiver.Inbox.Reader.ReadAllAsync(_stopping.Token))
        {
            var attempt = delivery.DeliveryCount + 1;
            try
            {
                await receiver.Handler(delivery.Message, _stopping.Token);
                Interlocked.Decrement(ref _inFlight);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                if (attempt >= receiver.MaxDeliveryCount)
                {
                    MoveToDeadLetters(receiver, delivery, $"{IDeadLetterQueue.MaxDeliveryCountExceeded}: {attempt} deliveries, last failed with {e.GetType().Name}");
                }
                else
                {
                    _ = RedeliverLaterAsync(receiver, delivery with { DeliveryCount = attempt });
                }
            }
        }
    }

    private void MoveToDeadLetters(Receiver receiver, Delivery delivery, string reason)
    {
        var list = _deadLetters.GetOrAdd(receiver.Entity, _ => []);
        lock (list)
        {
            list.Add(new RecordedMessage(
                delivery.Message.MessageId, delivery.Message.Body, delivery.Message.ApplicationProperties, _time.GetUtcNow(), receiver.Subscription, reason));
        }

        Interlocked.Decrement(ref _inFlight);
    }

    private async Task RedeliverLaterAsync(Receiver receiver, Delivery delivery)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20 * delivery.DeliveryCount), _time);
        receiver.Inbox.Writer.TryWrite(delivery);
    }

    private sealed record Receiver(string Entity, string? Subscription, Func<BusMessage, CancellationToken, Task> Handler, int MaxDeliveryCount, Channel<Delivery> Inbox);

    private sealed record Delivery(BusMessage Message, int DeliveryCount);
}

/// <summary>A message as <c>/dev/bus</c> shows it; <see cref="DeadLetterReason"/> is set for dead letters.</summary>
public sealed record RecordedMessage(
    string MessageId, string Body, IReadOnlyDictionary<string, string> ApplicationProperties, DateTimeOffset EnqueuedAt, string? Subscription, string? DeadLetterReason);
