using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// One read (or erasure) of personal data: who (principal and role), about whom (patient and appointment),
/// which fields, why, and when; for a partner, also which of its API keys (<see cref="CredentialId"/>), so a leaked
/// key's reads can be told apart; for a waitlist entry, its <see cref="WaitlistId"/> (and no appointment). Holds ids only, never the data read.
/// </summary>
public sealed record AccessLogEntry(
    Instant At,
    string Principal,
    string Role,
    string PatientId,
    string? AppointmentId,
    IReadOnlyList<PersonalField> Fields,
    string Purpose,
    string? CredentialId = null,
    string? WaitlistId = null);
