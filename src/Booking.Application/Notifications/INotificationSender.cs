namespace Booking.Application.Notifications;

/// <summary>Delivers on one channel. Adapters: SMTP (email), an HTTP SMS provider, and the local host's in-memory sink.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    /// <summary>
    /// True when the provider delivers a <see cref="OutgoingNotification.DeliveryId"/> once however often it is sent:
    /// a send that failed (or seemed to) can then simply be repeated. False: a repeat may reach the patient twice.
    /// </summary>
    bool DeduplicatesByDeliveryId => false;

    Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken);
}
