using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Operators;

/// <summary>Exactly what one principal read in a window, from the access log: who to notify (GDPR Art. 33/34).</summary>
public sealed record BreachReport(string Principal, Instant From, Instant To, int AppointmentCount, int PatientCount, IReadOnlyList<BreachReport.Read> Appointments)
{
    public sealed record Read(string AppointmentId, string? PractitionerId, Instant AccessedAt, IReadOnlyList<PersonalField> Fields);
}
