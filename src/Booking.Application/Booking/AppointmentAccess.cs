using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;

namespace Booking.Application.Booking;

/// <summary>
/// Finds an appointment for a caller, or nothing: someone else's appointment is answered exactly as a
/// missing one, so ids can't be probed.
/// </summary>
public sealed class AppointmentAccess(IDocumentStore<Appointment> appointments)
{
    public async Task<Versioned<Appointment>?> FindAsync(Caller caller, string appointmentId, bool operatorAllowed, CancellationToken ct)
    {
        if (!OpaqueId.IsWellFormed(appointmentId))
        {
            return null;
        }

        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
        if (stored is null || !stored.Value.IsVisible)
        {
            return null;
        }

        var a = stored.Value;
        var allowed = caller.Role switch
        {
            Role.Patient => a.PatientId == caller.Subject,
            Role.Practitioner => a.PractitionerId == caller.PractitionerId,
            Role.Operator => operatorAllowed,
            _ => false,
        };
        return allowed ? stored : null;
    }
}
