using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Notifications;

/// <summary>
/// That one event was (being) notified on one channel: the guard that makes a message delivered twice notify
/// once. Filed under the patient, so it also answers "what was sent to me" for their export. No personal data.
/// </summary>
public sealed record DeliveryRecord(string EventId, string AppointmentId, NotificationChannel Channel, string Kind, Instant ClaimedAt, Instant? SentAt)
{
    public static DocumentKey Key(string patientId, string eventId, NotificationChannel channel) =>
        new("patient:" + patientId, $"{eventId}:{channel}");

    public static string Partition(string patientId) => "patient:" + patientId;
}
