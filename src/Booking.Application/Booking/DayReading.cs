using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>A practitioner's day as read at one moment; <see cref="Stored"/> is null when no slot of that day was ever held.</summary>
public sealed record DayReading(Versioned<PractitionerDay>? Stored)
{
    public bool IsTaken(SlotPlacement placement) => Stored?.Value.IsFree(placement.Time) == false;
}
