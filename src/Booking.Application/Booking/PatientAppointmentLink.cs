namespace Booking.Application.Booking;

/// <summary>Files an appointment under its patient so "my appointments" reads one partition.</summary>
public sealed record PatientAppointmentLink(string AppointmentId);
