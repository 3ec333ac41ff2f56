using Booking.Application.Common;

namespace Booking.Application.Booking;

/// <summary>Its patient, its practitioner or an operator reads an appointment; anyone else is told it does not exist.</summary>
public sealed class GetAppointment(AppointmentAccess access)
{
    public async Task<Outcome<AppointmentView>> HandleAsync(Caller caller, string appointmentId, CancellationToken ct)
    {
        var stored = await access.FindAsync(caller, appointmentId, operatorAllowed: true, ct);
        return stored is null ? Failure.NotFound("appointment") : AppointmentView.Of(stored.Value);
    }
}
