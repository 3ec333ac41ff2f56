using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>A waitlist request that passed every field check (the practitioner and type are checked against the store after).</summary>
public sealed record ValidWaitlistRequest(string PractitionerId, string? VisitTypeId, LocalDate Before, PatientDetails Patient, string? Reason, Consent Consent);
