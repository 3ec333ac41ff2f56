using System.Collections.Concurrent;
using Booking.Application.Notifications;

namespace Booking.Application.Tests;

/// <summary>
/// A notification channel that records what it "sends". It can be told to crash before sending (a process
/// dying mid-run) or to wait at a gate (a slow provider, so that two runs overlap).
/// </summary>
public sealed class RecordingSender(NotificationChannel channel) : INotificationSender
{
    public NotificationChannel Channel => channel;

    public ConcurrentQueue<OutgoingNotification> Sent { get; } = new();

    public bool Down { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a send has reached <see cref="Gate"/> (and waits there).</summary>
    public TaskCompletionSource AtGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            AtGate.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Down)
        {
            throw new CrashException();
        }

        Sent.Enqueue(notification);
    }
}
