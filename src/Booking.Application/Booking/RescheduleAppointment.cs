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
/// A patient moves only to a type bookable online and within the practice's <see cref="VisitRules"/>; the
/// practitioner may move an appointment to any of their types.
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
    VisitRules rules,
    TimeProvider time)
{
    public static Failure NotConfirmed { get; } = new(FailureKind.Conflict, "not-confirmed", "Only a confirmed appointment can be rescheduled.");

    public async Task<Outcome<Appointment>> HandleAsync(Caller caller, string appointmentId, string? slotIdText, CancellationToken ct) =>
        await HandleAsync(caller, appointmentId, slotIdText, null, ct);

    /// <summary>Moves to the slot <paramref name="slotIdText"/> names; <paramref name="visitTypeId"/>, when given, is the type the slot must be of.</summary>
    public async Task<Outcome<Appointment>> HandleAsync(Caller caller, string appointmentId, string? slotIdText, string? visitTypeId, CancellationToken ct)
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
        var schedule = practitioner?.Value.Schedule;
        if (visitTypeId is not null && schedule?.FindType(visitTypeId) is null)
        {
            return BookAppointment.UnknownVisitType;
        }

        var target = practitioner is null || slotId.PractitionerId != current.PractitionerId ? null : catalog.Resolve(practitioner.Value, slotId, visitTypeId);
        if (target is null)
        {
            return Failure.SlotTaken("This slot is not offered by the appointment's practitioner. Pick one from a current listing.");
        }

        if (caller.Role == Role.Patient && await PatientRefusalAsync(current, schedule!, target, ct) is { } refusal)
        {
            return refusal;
        }

        if (!await holder.HoldAsync(current.PractitionerId, target, current.Id, current.PatientId, ct))
        {
            return Failure.SlotTaken();
        }

        await retention.PlanAsync(current.Id, target, ct);
        await reminders.PlanAsync(current.Id, target, ct);
        var moved = await updater.UpdateAsync(
            current.Id, a => a.Status == AppointmentStatus.Confirmed ? a.MoveTo(target, time.GetCurrentInstant()) : a, ct);
        if (moved.Placement != target)
        {
            await holder.ReleaseAsync(current.PractitionerId, target, current.Id, ct);
            return NotConfirmed;
        }

        moved = await leftSlots.FinishAsync(moved, ct);
        await outbox.TryPublishAsync(moved, ct);
        return moved;
    }

    private async Task<Failure?> PatientRefusalAsync(Appointment current, WeeklySchedule schedule, SlotPlacement target, CancellationToken ct)
    {
        var type = schedule.TypeOf(target.VisitTypeId);
        return type.BookableOnline
            ? await rules.CheckAsync(current.PatientId, current.PractitionerId, schedule, type, target, current.Id, ct)
            : BookAppointment.NotBookableOnline;
    }
}
