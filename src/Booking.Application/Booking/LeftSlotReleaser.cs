using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>
/// Frees the slot a moved appointment left behind (<see cref="Appointment.ReleasePending"/>) and clears the
/// mark. Called after every move, and before any later change, so a move interrupted by a crash is finished.
/// </summary>
public sealed class LeftSlotReleaser(SlotHolder holder, AppointmentUpdater updater)
{
    public async Task<Appointment> FinishAsync(Appointment appointment, CancellationToken ct)
    {
        if (appointment.ReleasePending is not { } left)
        {
            return appointment;
        }

        await holder.ReleaseAsync(appointment.PractitionerId, left, appointment.Id, ct);
        return await updater.UpdateAsync(appointment.Id, a => a.ReleasePending is null ? a : a.SlotReleased(), ct);
    }
}
