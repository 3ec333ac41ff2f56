using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

public sealed record CancellationReceipt(string AppointmentId, AppointmentStatus Status);

/// <summary>
/// Its patient or practitioner cancels an appointment and frees its slot. Cancelling again answers the same
/// and finishes freeing the slot if an earlier attempt stopped half-way.
/// </summary>
public sealed class CancelAppointment(AppointmentAccess access, AppointmentUpdater updater, SlotHolder holder, LeftSlotReleaser leftSlots, OutboxPublisher outbox, TimeProvider time)
{
    public async Task<Outcome<CancellationReceipt>> HandleAsync(Caller caller, string appointmentId, CancellationToken ct)
    {
        if (caller.Role == Role.Operator)
        {
            return Failure.Forbidden("Operators do not cancel appointments; the patient or the practitioner does.");
        }

        var stored = await access.FindAsync(caller, appointmentId, operatorAllowed: false, ct);
        if (stored is null)
        {
            return Failure.NotFound("appointment");
        }

        var cancelled = await updater.UpdateAsync(appointmentId, a => a.Cancel(time.GetCurrentInstant()), ct);
        await holder.ReleaseAsync(cancelled.PractitionerId, cancelled.Placement, cancelled.Id, ct);
        await leftSlots.FinishAsync(cancelled, ct);

        await outbox.TryPublishAsync(cancelled, ct);
        return new CancellationReceipt(cancelled.Id, cancelled.Status);
    }
}
