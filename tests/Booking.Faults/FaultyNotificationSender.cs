using Booking.Application.Notifications;

namespace Booking.Faults;

/// <summary>A notification provider that may refuse, hang, or deliver and then fail to say so.</summary>
public sealed class FaultyNotificationSender(INotificationSender inner, FaultInjector faults) : INotificationSender
{
    public NotificationChannel Channel => inner.Channel;

    public bool DeduplicatesByDeliveryId => inner.DeduplicatesByDeliveryId;

    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Notifications, $"a {inner.Channel} send", () => inner.SendAsync(notification, cancellationToken), cancellationToken);
}
