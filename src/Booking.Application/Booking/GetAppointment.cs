using Booking.Application.Common;
using Booking.Application.Privacy;

namespace Booking.Application.Booking;

/// <summary>Its patient, its practitioner or an operator reads an appointment; anyone else is told it does not exist.</summary>
public sealed class GetAppointment(AppointmentAccess access, PersonalDataDoor door)
{
    public async Task<Outcome<AppointmentView>> HandleAsync(Caller caller, string appointmentId, CancellationToken ct)
    {
        var stored = await access.FindAsync(caller, appointmentId, operatorAllowed: true, ct);
        if (stored is null)
        {
            return Failure.NotFound("appointment");
        }

        var purpose = caller.Role switch
        {
            Role.Patient => AccessPurpose.PatientViewsAppointment,
            Role.Practitioner => AccessPurpose.PractitionerViewsAppointment,
            _ => AccessPurpose.OperatorViewsAppointment,
        };
        return await door.OpenAsync(caller, purpose, stored.Value, ct);
    }
}
