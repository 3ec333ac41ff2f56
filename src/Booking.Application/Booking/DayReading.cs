using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>A practitioner's day as read at <see cref="ReadAt"/>; <see cref="Stored"/> is null when no slot of that day was ever held.</summary>
public sealed record DayReading(Versioned<PractitionerDay>? Stored, NodaTime.Instant ReadAt)
{
    /// <summary>
    /// Taken for <paramref name="patientId"/>'s <paramref name="appointmentId"/>: their own hold on the slot does not count, nor
    /// the slot held for this appointment already (by an attempt that died before writing it).
    /// </summary>
    public bool IsTaken(SlotPlacement placement, string? patientId, string appointmentId) =>
        Stored?.Value is { } day
        && !day.Holds.Any(h => h.AppointmentId == appointmentId && h.Slot == placement.Time)
        && !day.IsFree(placement.Time, ReadAt, patientId);
}
