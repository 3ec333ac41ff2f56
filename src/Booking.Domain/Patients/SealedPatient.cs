namespace Booking.Domain.Patients;

/// <summary>
/// A patient's details as stores hold them: each field a sealed envelope (AES-256-GCM under the patient's
/// data key, bound to its record and field). Opening one takes an actor and a purpose, and is logged.
/// </summary>
public sealed record SealedPatient(string FirstName, string LastName, string Email, string Phone, string BirthDate);
