using NodaTime;

namespace Booking.Domain.Appointments;

/// <summary>
/// What happened to an appointment, carrying ids only. Written with the change that raised it and
/// published afterwards (outbox), so a crash between the two loses nothing.
/// </summary>
public sealed record AppointmentEvent(string EventId, AppointmentEventType Type, string AppointmentId, Instant OccurredAt);

public enum AppointmentEventType
{
    AppointmentConfirmed,
    AppointmentCancelled,
    AppointmentRescheduled,
}
