using Booking.Application.Booking;

namespace Booking.Application.Waitlist;

/// <summary>A waitlist request as the client sent it: the booking body's patient, reason and consent, and what to wait for.</summary>
public sealed record JoinWaitlistCommand(
    string? PractitionerId, string? VisitTypeId, string? Before, PatientInput? Patient, string? Reason, ConsentInput? Consent);
