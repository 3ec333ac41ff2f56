using Booking.Domain.Patients;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>A booking request that passed every check: what the idempotency fingerprint is taken over.</summary>
public sealed record ValidBooking(SlotId SlotId, PatientDetails Patient, string? Reason, Consent Consent)
{
    public string SlotIdText => SlotId.ToString();
}
