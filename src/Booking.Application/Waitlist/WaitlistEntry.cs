using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// A patient waiting for a slot of one visit type with one practitioner, starting on or before <see cref="Before"/>
/// (the practitioner's local date, included). Filed in the practitioner's waitlist partition, so offering a freed slot
/// reads one partition; first come, first offered (<see cref="Position"/>, from the practitioner's watch). Patient details and reason are
/// sealed like a booking's; the rest is ids, dates and consent. Expires (TTL) at the end of <see cref="Before"/>.
/// </summary>
/// <remarks>
/// <see cref="PassedSlotIds"/>: slots this entry was offered and let go (declined or expired), never offered to it again.
/// Once booked, <see cref="AppointmentId"/> and <see cref="BookedOfferId"/> are set (the offer kept, for its link to show what
/// was booked) and the sealed fields are dropped: the appointment holds them now.
/// </remarks>
public sealed record WaitlistEntry(
    string WaitlistId,
    string PatientId,
    string PractitionerId,
    string VisitTypeId,
    LocalDate Before,
    Instant CreatedAt,
    Instant ExpiresAt,
    SealedPatient? Patient,
    string? SealedReason,
    Consent Consent,
    WaitlistOffer? Offer,
    IReadOnlyList<string> PassedSlotIds,
    string? AppointmentId = null,
    string? BookedOfferId = null,
    long Position = 0)
{
    public WaitlistStatus StatusAt(Instant now) =>
        AppointmentId is not null ? WaitlistStatus.Booked
        : now >= ExpiresAt ? WaitlistStatus.Expired
        : Offer is { } offer && offer.IsOpen(now) ? WaitlistStatus.Offered
        : WaitlistStatus.Waiting;

    /// <summary>Still waiting or offered: what counts toward the patient's limit and is offered slots.</summary>
    public bool IsActive(Instant now) => StatusAt(now) is WaitlistStatus.Waiting or WaitlistStatus.Offered;

    /// <summary>The entry having let its offer go: the slot passes to the next patient and is never offered to this entry again.</summary>
    public WaitlistEntry PassOffer() =>
        Offer is null || AppointmentId is not null ? this : this with { Offer = null, PassedSlotIds = [.. PassedSlotIds, Offer.Placement.SlotId] };
}

/// <summary>A slot held for a waitlisted patient until <see cref="ExpiresAt"/> (excluded), by a patient hold with id <see cref="OfferId"/>.</summary>
public sealed record WaitlistOffer(string OfferId, SlotPlacement Placement, Instant ExpiresAt, bool Notified)
{
    public bool IsOpen(Instant now) => now < ExpiresAt;
}

public enum WaitlistStatus
{
    Waiting,
    Offered,
    Booked,
    Expired,
}
