using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Booking;

/// <summary>An appointment as its patient, its practitioner or an operator may see it, personal data included (opened by the privacy door).</summary>
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
    /// <summary>A view with the personal data already opened by the door (null when erased).</summary>
    public static AppointmentView Of(Appointment a, PatientDetails? patient, string? reason) => new(
        a.Id, a.Status, a.PractitionerId, a.Placement.LocalStart, a.Placement.LocalEnd, patient, reason, a.Consent);
}
