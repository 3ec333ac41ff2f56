using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Practitioners;
using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>
/// Its patient or practitioner moves a confirmed appointment to another free slot of the same practitioner.
/// The new slot is held first; only once the appointment points at it is the old one freed, so a crash
/// leaves at worst a slot held twice by one appointment (freed on the next change), never none.
/// </summary>
public sealed class RescheduleAppointment(
    AppointmentAccess access,
    AppointmentUpdater updater,
    IDocumentStore<Practitioner> practitioners,
    SlotCatalog catalog,
    SlotHolder holder,
    LeftSlotReleaser leftSlots,
    OutboxPublisher outbox,
    ReminderPlanner reminders,
    AppointmentRetentionPlanner retention,
    TimeProvider time)
{
    public static Failure NotConfirmed { get; } = new(FailureKind.Conflict, "not-confirmed", "Only a confirmed appointment can be rescheduled.");

    public async Task<Outcome<Appointment>> HandleAsync(Caller caller, string appointmentId, string? slotIdText, CancellationToken ct)
    {
        if (caller.Role == Role.Operator)
        {
            return Failure.Forbidden("Operators do not reschedule appointments; the patient or the practitioner does.");
        }

        var stored = await access.FindAsync(caller, appointmentId, operatorAllowed: false, ct);
        if (stored is null)
        {
            return Failure.NotFound("appointment");
        }

        var slotId = SlotId.TryParse(slotIdText);
        if (slotId is null)
        {
            return Failure.Validation("slotId", "slotId must be a slot id from a slot listing.");
        }

        var current = stored.Value;
        if (current.Status != AppointmentStatus.Confirmed)
        {
            return NotConfirmed;
        }

        // An earlier move may have stopped before freeing the slot it left: free it now, or this move would forget it.
        current = await leftSlots.FinishAsync(current, ct);

        if (current.Placement.SlotId == slotId.ToString())
        {
            return current;
        }

        var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(current.PractitionerId), ct);
        var target = practitioner is null || slotId.PractitionerId != current.PractitionerId ? null : catalog.Resolve(practitioner.Value, slotId);
        if (target is null)
        {
            return Failure.SlotTaken("This slot is not offered by the appointment's practitioner. Pick one from a current listing.");
        }

        if (!await holder.HoldAsync(current.PractitionerId, target, current.Id, ct))
        {
            return Failure.SlotTaken();
        }

        await retention.PlanAsync(current.Id, target, ct);
        await reminders.PlanAsync(current.Id, target, ct);
        await outbox.ExpectEventsAsync(current.Id, ct);
        var moved = await updater.UpdateAsync(current.Id, a => a.Status == AppointmentStatus.Confirmed ? a.MoveTo(target, time.GetCurrentInstant()) : a, ct);
        if (moved.Placement != target)
        {
            await holder.ReleaseAsync(current.PractitionerId, target, current.Id, ct);
            return NotConfirmed;
        }

        moved = await leftSlots.FinishAsync(moved, ct);
        await outbox.TryPublishAsync(moved.Id, ct);
        return moved;
    }
}
