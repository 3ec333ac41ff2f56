namespace Booking.Application.Notifications;

/// <summary>Delivers on one channel. Adapters: SMTP (email), an HTTP SMS provider, and the local host's in-memory sink.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken);
}
