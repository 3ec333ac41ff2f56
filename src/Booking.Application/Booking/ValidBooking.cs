using Booking.Domain.Patients;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>
/// A booking request that passed every check: what the idempotency fingerprint is taken over.
/// <see cref="VisitTypeId"/> null: the visit type the slot id was listed for.
/// </summary>
public sealed record ValidBooking(SlotId SlotId, PatientDetails Patient, string? Reason, Consent Consent, string? VisitTypeId = null)
{
    public string SlotIdText => SlotId.ToString();
}
