using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// The slots held on one local date of one practitioner. This is the unit of consistency for booking:
/// a slot is taken by rewriting this day conditionally, so two bookings of one slot cannot both succeed.
/// </summary>
/// <remarks>
/// <see cref="AppointmentIds"/> lists every appointment ever placed on this date, cancelled ones included, for the agenda.
/// <see cref="PatientHolds"/> are patients' short reservations (null in days written before them); an expired one counts as absent.
/// </remarks>
public sealed record PractitionerDay(
    string PractitionerId, LocalDate Date, IReadOnlyList<SlotHold> Holds, IReadOnlyList<string> AppointmentIds, IReadOnlyList<PatientHold>? PatientHolds = null)
{
    public const int MaxPatientHolds = 200;

    public static PractitionerDay Empty(string practitionerId, LocalDate date) => new(practitionerId, date, [], []);

    /// <summary>Free for <paramref name="patientId"/> at <paramref name="now"/>: no appointment and no other patient's active hold overlaps it (their own holds do not count).</summary>
    public bool IsFree(SlotTime slot, Instant now, string? patientId = null) =>
        !Holds.Any(h => h.Slot.Overlaps(slot)) && !ActiveHolds(now).Any(h => h.PatientId != patientId && h.Slot.Overlaps(slot));

    public IEnumerable<PatientHold> ActiveHolds(Instant now) => (PatientHolds ?? []).Where(h => h.IsActive(now));

    /// <summary>
    /// Takes <paramref name="slot"/> for <paramref name="appointmentId"/> of <paramref name="patientId"/>: refused while another
    /// patient's active hold overlaps it; the patient's own holds on this slot are converted (dropped), expired ones forgotten.
    /// </summary>
    public (HoldOutcome Outcome, PractitionerDay Day) Hold(SlotTime slot, string appointmentId, Instant now, string? patientId)
    {
        if (Holds.Any(h => h.AppointmentId == appointmentId && h.Slot == slot))
        {
            return (HoldOutcome.AlreadyHeld, this);
        }

        // An appointment moving within the day may overlap the slot it is leaving.
        if (Holds.Any(h => h.AppointmentId != appointmentId && h.Slot.Overlaps(slot))
            || ActiveHolds(now).Any(h => h.PatientId != patientId && h.Slot.Overlaps(slot)))
        {
            return (HoldOutcome.Taken, this);
        }

        var ids = AppointmentIds.Contains(appointmentId) ? AppointmentIds : [.. AppointmentIds, appointmentId];
        var holds = ActiveHolds(now).Where(h => !(h.PatientId == patientId && h.Slot.Overlaps(slot))).ToList();
        return (HoldOutcome.Held, this with { Holds = [.. Holds, new SlotHold(slot, appointmentId)], AppointmentIds = ids, PatientHolds = holds });
    }

    /// <summary>Reserves <paramref name="slot"/> for <paramref name="hold"/>'s patient unless an appointment or another active hold overlaps it.</summary>
    public (HoldOutcome Outcome, PractitionerDay Day) Reserve(PatientHold hold, Instant now)
    {
        if (!IsFree(hold.Slot, now, patientId: null) || ActiveHolds(now).Count() >= MaxPatientHolds)
        {
            return (HoldOutcome.Taken, this);
        }

        return (HoldOutcome.Held, this with { PatientHolds = [.. ActiveHolds(now), hold] });
    }

    /// <summary>Drops the hold <paramref name="holdId"/>; null when it is not there (ended, converted or expired).</summary>
    public PractitionerDay? Unreserve(string holdId) =>
        PatientHolds?.Any(h => h.HoldId == holdId) == true
            ? this with { PatientHolds = PatientHolds.Where(h => h.HoldId != holdId).ToList() }
            : null;

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

    public bool IsEmpty => Holds.Count == 0 && AppointmentIds.Count == 0 && (PatientHolds?.Count ?? 0) == 0;
}
