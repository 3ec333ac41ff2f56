using Booking.Application.Notifications;
using Booking.Application.Privacy;

namespace Booking.Infrastructure.Notifications;

/// <summary>
/// The local host's stand-in for SMTP and SMS: keeps the last <see cref="Capacity"/> notifications that would have
/// been sent, in memory only, for <c>/dev/notifications</c>. Like a provider that takes an idempotency key, it delivers
/// each delivery id once (among the last <see cref="RememberedDeliveryIds"/>); <see cref="RepeatsIgnored"/> counts the rest. An erased patient's notifications are dropped.
/// </summary>
public sealed class InMemoryNotificationSink(TimeProvider time) : IErasureParticipant
{
    /// <summary>Enough to inspect; a long-running local host must not keep every notification ever sent.</summary>
    public const int Capacity = 10_000;

    /// <summary>
    /// Like a provider's idempotency keys, delivery ids are remembered for a while, not forever: the last this many
    /// (minutes of deliveries at the bench's rates, longer than any lock a redelivery waits out).
    /// </summary>
    public const int RememberedDeliveryIds = 50_000;

    private readonly Queue<SinkEntry> _sent = new();
    private readonly object _gate = new();
    private readonly HashSet<string> _deliveryIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _deliveryIdsInOrder = new();
    private long _repeats;

    public IReadOnlyList<SinkEntry> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Sends of a delivery id already delivered: not delivered again.</summary>
    public long RepeatsIgnored => Interlocked.Read(ref _repeats);

    public INotificationSender For(NotificationChannel channel) => new Sender(this, channel);

    public Task ForgetAppointmentsAsync(IReadOnlyCollection<string> appointmentIds, CancellationToken cancellationToken)
    {
        var forgotten = appointmentIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            var kept = _sent.Where(e => !forgotten.Contains(e.AppointmentId)).ToList();
            _sent.Clear();
            kept.ForEach(_sent.Enqueue);
        }

        return Task.CompletedTask;
    }

    private void Keep(SinkEntry entry)
    {
        lock (_gate)
        {
            _sent.Enqueue(entry);
            if (_sent.Count > Capacity)
            {
                _sent.Dequeue();
            }
        }
    }

    private bool RememberFirstDelivery(string deliveryId)
    {
        lock (_gate)
        {
            if (!_deliveryIds.Add(deliveryId))
            {
                return false;
            }

            _deliveryIdsInOrder.Enqueue(deliveryId);
            if (_deliveryIdsInOrder.Count > RememberedDeliveryIds)
            {
                _deliveryIds.Remove(_deliveryIdsInOrder.Dequeue());
            }

            return true;
        }
    }

    private sealed class Sender(InMemoryNotificationSink sink, NotificationChannel channel) : INotificationSender
    {
        public NotificationChannel Channel => channel;

        public bool DeduplicatesByDeliveryId => true;

        public Task SendAsync(OutgoingNotification n, CancellationToken cancellationToken)
        {
            if (n.DeliveryId is not null && !sink.RememberFirstDelivery(n.DeliveryId))
            {
                Interlocked.Increment(ref sink._repeats);
                return Task.CompletedTask;
            }

            sink.Keep(new SinkEntry(n.Kind, n.Channel.ToString().ToLowerInvariant(), n.To, n.Body, n.AppointmentId, sink.Now, n.DeliveryId));
            return Task.CompletedTask;
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>
/// What <c>GET /dev/notifications</c> lists. <paramref name="DeliveryId"/> (event id and channel, no personal data) lets a
/// check over several hosts' sinks count what one deduplicating provider behind them all would deliver.
/// </summary>
public sealed record SinkEntry(string Kind, string Channel, string To, string Body, string AppointmentId, DateTimeOffset SentAt, string? DeliveryId);
