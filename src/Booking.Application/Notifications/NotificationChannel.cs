namespace Booking.Application.Notifications;

public enum NotificationChannel
{
    Email,
    Sms,
}
