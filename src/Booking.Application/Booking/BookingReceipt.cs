using NodaTime;

namespace Booking.Application.Booking;

/// <summary>
/// The answer to a booking request, kept under its idempotency key to be given again on a retry.
/// Holds ids and times only: no personal data.
/// </summary>
public sealed record BookingReceipt(bool Confirmed, string? AppointmentId, string? PractitionerId, OffsetDateTime? Start, OffsetDateTime? End);
