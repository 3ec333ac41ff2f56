using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>Applies a change to an appointment that must exist (read, change, conditional replace, retried).</summary>
public sealed class AppointmentUpdater(IDocumentStore<Appointment> appointments)
{
    public async Task<Appointment> UpdateAsync(string appointmentId, Func<Appointment, Appointment> change, CancellationToken ct) =>
        await appointments.UpdateAsync(AppointmentKeys.Appointment(appointmentId), change, ct)
            ?? throw new StoreUnavailableException("An appointment vanished while being changed.");
}
