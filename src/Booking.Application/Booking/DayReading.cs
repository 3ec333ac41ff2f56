using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>A practitioner's day as read at <see cref="ReadAt"/>; <see cref="Stored"/> is null when no slot of that day was ever held.</summary>
public sealed record DayReading(Versioned<PractitionerDay>? Stored, NodaTime.Instant ReadAt)
{
    /// <summary>Taken for <paramref name="patientId"/>: their own hold on the slot does not count.</summary>
    public bool IsTaken(SlotPlacement placement, string? patientId) => Stored?.Value.IsFree(placement.Time, ReadAt, patientId) == false;
}
