using System.Collections.Concurrent;
using System.Diagnostics;
using Booking.Application.Messaging;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// A Service Bus stand-in for the local host, durable in the embedded database: queues and topics with subscriptions,
/// peek-lock with lock expiry, delivery counts, redelivery on failure up to a maximum delivery count, then
/// dead-lettering with that reason, as Service Bus does for a trigger that throws; duplicate detection by message id
/// (10 minutes). A message is written before <see cref="SendAsync"/> returns, so a crash loses nothing that was
/// accepted: what a consumer held when the process stopped is handed out again once its lock expires. Hosts sharing
/// the data directory share the bus (their consumers compete). A subscription exists from the first time a consumer
/// subscribes (it is kept in the database); a message sent to an entity nobody ever subscribed to is dropped, as by a
/// topic without subscriptions. The last <see cref="RecordedPerEntity"/> messages this process sent to each entity are
/// kept in memory for <c>/dev/bus</c>; dead letters are read from the database.
/// </summary>
public sealed class EmbeddedMessageBus : IMessageBus, IDeadLetterQueue, IDisposable
{
    public const int DefaultMaxDeliveryCount = 10;

    /// <summary>How many sent messages <c>/dev/bus</c> shows per entity: enough to inspect, without growing with every booking.</summary>
    public const int RecordedPerEntity = 10_000;

    private const int ForgetSeenEvery = 1_000;
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);
    private readonly BusTables _tables;
    private readonly EmbeddedBusOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ImmutableReceivers> _receivers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedMessage>> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _pumps = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _sends;
    private int _disposed;

    public EmbeddedMessageBus(EmbeddedDatabase database, TimeProvider time, IOptions<EmbeddedBusOptions>? options = null)
    {
        _tables = new BusTables(database);
        _time = time;
        _options = options?.Value ?? new EmbeddedBusOptions();
    }

    /// <summary>Delivers what reaches <paramref name="entity"/> (a queue, or a topic's <paramref name="subscription"/>) to <paramref name="handler"/>.</summary>
    public void Subscribe(string entity, string? subscription, Func<BusMessage, CancellationToken, Task> handler, int maxDeliveryCount = DefaultMaxDeliveryCount)
    {
        var name = Name(entity);
        _tables.AddSubscription(name, subscription ?? "");
        var receiver = new BusReceiver(_tables, _options, _time, name, subscription ?? "", handler, maxDeliveryCount);
        _receivers.AddOrUpdate(name, _ => new([receiver]), (_, list) => new([.. list.All, receiver]));
        for (var i = 0; i < Math.Max(1, _options.MaxConcurrentCalls); i++)
        {
            _pumps.Add(Task.Run(() => receiver.PumpAsync(_stopping.Token)));
        }
    }

    public async Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken)
    {
        var name = Name(entity);
        var now = _time.GetUtcNow();
        if (!await _tables.SendAsync(name, message, now, DuplicateWindow))
        {
            return;
        }

        if (Interlocked.Increment(ref _sends) % ForgetSeenEvery == 0)
        {
            _tables.ForgetSeenBefore(now - DuplicateWindow); // duplicate detection only looks back one window
        }

        var recorded = _sent.GetOrAdd(name, _ => new());
        recorded.Enqueue(new RecordedMessage(message.MessageId, message.Body, message.ApplicationProperties, now, null, null));
        while (recorded.Count > RecordedPerEntity && recorded.TryDequeue(out _))
        {
        }

        foreach (var receiver in _receivers.GetValueOrDefault(name)?.All ?? [])
        {
            receiver.WakeUp();
        }
    }

    public IReadOnlyList<RecordedMessage> SentTo(string entity) => [.. _sent.GetValueOrDefault(Name(entity)) ?? new()];

    public IReadOnlyList<RecordedMessage> DeadLettered(string entity) => _tables.DeadLetters(Name(entity));

    public async Task<RedriveCount> RedriveAsync(
        string topic, string subscription, Func<BusMessage, CancellationToken, Task> handle, int limit, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var taken = _tables.ClaimDeadLettered(Name(topic), subscription, limit, Guid.NewGuid().ToString("N"), now, now + _options.LockDuration);
        var count = default(RedriveCount);
        foreach (var message in taken)
        {
            try
            {
                await handle(message.Message, cancellationToken);
                await _tables.CompletedAsync(message);
                count = count with { Redriven = count.Redriven + 1 };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await _tables.UnlockedAsync(message, _time.GetUtcNow()); // kept, and at hand for the next run
                count = count with { FailedAgain = count.FailedAgain + 1 };
            }
        }

        return count;
    }

    public Task<int> PurgeAsync(string queue, DateTimeOffset enqueuedBefore, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(_tables.PurgeQueueDeadLetters(Name(queue), enqueuedBefore, limit, _time.GetUtcNow()));

    /// <summary>Completes once no subscription this process consumes holds a message that is not dead-lettered: each was handled or dead-lettered.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (_receivers.Values.SelectMany(r => r.All).DistinctBy(r => (r.Entity, r.Subscription)).Sum(r => _tables.Pending(r.Entity, r.Subscription)) > 0)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("The embedded bus did not drain in time.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stops the consumers, waiting a little for the messages they are handling; what they still hold is given back.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            Task.WhenAll(_pumps).Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // A pump that failed has nothing left to stop.
        }

        _stopping.Dispose();
    }

    // Service Bus entity names are case-insensitive.
    private static string Name(string entity) => entity.ToLowerInvariant();

    private sealed record ImmutableReceivers(IReadOnlyList<BusReceiver> All);
}
