using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// The slots held on one local date of one practitioner. This is the unit of consistency for booking:
/// a slot is taken by rewriting this day conditionally, so two bookings of one slot cannot both succeed.
/// </summary>
/// <remarks><see cref="AppointmentIds"/> lists every appointment ever placed on this date, cancelled ones included, for the agenda.</remarks>
public sealed record PractitionerDay(string PractitionerId, LocalDate Date, IReadOnlyList<SlotHold> Holds, IReadOnlyList<string> AppointmentIds)
{
    public static PractitionerDay Empty(string practitionerId, LocalDate date) => new(practitionerId, date, [], []);

    public bool IsFree(SlotTime slot) => !Holds.Any(h => h.Slot.Overlaps(slot));

    public (HoldOutcome Outcome, PractitionerDay Day) Hold(SlotTime slot, string appointmentId)
    {
        if (Holds.Any(h => h.AppointmentId == appointmentId && h.Slot == slot))
        {
            return (HoldOutcome.AlreadyHeld, this);
        }

        // An appointment moving within the day may overlap the slot it is leaving.
        if (Holds.Any(h => h.AppointmentId != appointmentId && h.Slot.Overlaps(slot)))
        {
            return (HoldOutcome.Taken, this);
        }

        var ids = AppointmentIds.Contains(appointmentId) ? AppointmentIds : [.. AppointmentIds, appointmentId];
        return (HoldOutcome.Held, this with { Holds = [.. Holds, new SlotHold(slot, appointmentId)], AppointmentIds = ids });
    }

    /// <summary>Frees <paramref name="slot"/> if <paramref name="appointmentId"/> holds it; null when there was nothing to free.</summary>
    public PractitionerDay? Release(string appointmentId, SlotTime slot) =>
        Holds.Any(h => h.AppointmentId == appointmentId && h.Slot == slot)
            ? this with { Holds = Holds.Where(h => !(h.AppointmentId == appointmentId && h.Slot == slot)).ToList() }
            : null;

    /// <summary>Forgets an appointment that retention removed: its holds and its place in the agenda.</summary>
    public PractitionerDay Forget(string appointmentId) =>
        AppointmentIds.Contains(appointmentId) || Holds.Any(h => h.AppointmentId == appointmentId)
            ? this with { Holds = Holds.Where(h => h.AppointmentId != appointmentId).ToList(), AppointmentIds = AppointmentIds.Where(id => id != appointmentId).ToList() }
            : this;

    public bool IsEmpty => Holds.Count == 0 && AppointmentIds.Count == 0;
}
