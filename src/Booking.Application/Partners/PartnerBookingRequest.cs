using Booking.Application.Booking;

namespace Booking.Application.Partners;

/// <summary>The body of a <c>partner-booking-requests</c> message: a booking request plus the practitioner and the partner's request id.</summary>
public sealed record PartnerBookingRequest(
    string? RequestId, string? PractitionerId, string? SlotId, PatientInput? Patient, string? Reason, ConsentInput? Consent, string? VisitTypeId = null);

/// <summary>The body of a <c>partner-booking-results</c> message. Ids only; <see cref="RequestId"/> is null when a refused message had no readable one.</summary>
public sealed record PartnerBookingResult(string? RequestId, string Status, string? AppointmentId, string? Reason);
