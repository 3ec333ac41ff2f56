namespace Booking.Application.Notifications;

/// <summary>
/// One message to one patient. <see cref="To"/> and <see cref="Body"/> are personal data: they exist only
/// between the door and the sender, never in a store, a bus message or a log. <see cref="DeliveryId"/> (ids only)
/// is the same for every attempt at one delivery: a provider that takes it as an idempotency key delivers once.
/// </summary>
public sealed record OutgoingNotification(
    NotificationChannel Channel, string Kind, string To, string Subject, string Body, string AppointmentId, string? DeliveryId = null);
