using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Booking;

/// <summary>An appointment as its patient, its practitioner or an operator may see it, personal data included.</summary>
public sealed record AppointmentView(
    string AppointmentId,
    AppointmentStatus Status,
    string PractitionerId,
    OffsetDateTime Start,
    OffsetDateTime End,
    PatientDetails? Patient,
    string? Reason,
    Consent Consent)
{
    public static AppointmentView Of(Appointment a) => new(
        a.Id, a.Status, a.PractitionerId, a.Placement.LocalStart, a.Placement.LocalEnd, a.Patient, a.Reason, a.Consent);
}
