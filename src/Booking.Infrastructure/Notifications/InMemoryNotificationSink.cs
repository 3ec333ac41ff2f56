using System.Collections.Concurrent;
using Booking.Application.Notifications;

namespace Booking.Infrastructure.Notifications;

/// <summary>
/// The local host's stand-in for SMTP and SMS: keeps the last <see cref="Capacity"/> notifications that would have
/// been sent, in memory only, for <c>/dev/notifications</c>. Like a provider that takes an idempotency key, it delivers
/// each delivery id once; <see cref="RepeatsIgnored"/> counts the rest.
/// </summary>
public sealed class InMemoryNotificationSink(TimeProvider time)
{
    /// <summary>Enough to inspect; a long-running local host must not keep every notification ever sent.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<SinkEntry> _sent = new();
    private readonly ConcurrentDictionary<string, bool> _deliveryIds = new(StringComparer.Ordinal);
    private long _repeats;

    public IReadOnlyList<SinkEntry> Sent => [.. _sent];

    /// <summary>Sends of a delivery id already delivered: not delivered again.</summary>
    public long RepeatsIgnored => Interlocked.Read(ref _repeats);

    public INotificationSender For(NotificationChannel channel) => new Sender(this, channel);

    private sealed class Sender(InMemoryNotificationSink sink, NotificationChannel channel) : INotificationSender
    {
        public NotificationChannel Channel => channel;

        public bool DeduplicatesByDeliveryId => true;

        public Task SendAsync(OutgoingNotification n, CancellationToken cancellationToken)
        {
            if (n.DeliveryId is not null && !sink._deliveryIds.TryAdd(n.DeliveryId, true))
            {
                Interlocked.Increment(ref sink._repeats);
                return Task.CompletedTask;
            }

            sink._sent.Enqueue(new SinkEntry(n.Kind, n.Channel.ToString().ToLowerInvariant(), n.To, n.Body, n.AppointmentId, sink.Now, n.DeliveryId));
            while (sink._sent.Count > Capacity && sink._sent.TryDequeue(out _))
            {
            }

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
