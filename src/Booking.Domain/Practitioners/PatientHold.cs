using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// A slot a patient reserved while filling in the booking form, until <see cref="ExpiresAt"/> (excluded). It
/// carries the patient's account id as the only link to them, nothing else personal. Expired, it is absent:
/// every read and write of the day ignores it, so no timer has to run for the slot to be free again.
/// </summary>
public sealed record PatientHold(string HoldId, SlotTime Slot, string PatientId, Instant ExpiresAt)
{
    public bool IsActive(Instant now) => now < ExpiresAt;
}
