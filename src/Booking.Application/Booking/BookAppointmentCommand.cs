namespace Booking.Application.Booking;

/// <summary>A booking request as the client sent it; every field is checked by <see cref="BookAppointment"/>.</summary>
public sealed record BookAppointmentCommand(string? SlotId, PatientInput? Patient, string? Reason, ConsentInput? Consent, string? VisitTypeId = null);

public sealed record PatientInput(string? FirstName, string? LastName, string? Email, string? Phone, string? BirthDate);

public sealed record ConsentInput(bool? Email, bool? Sms);
