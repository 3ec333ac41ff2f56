using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Booking;

/// <summary>
/// A practice's rules on who books which visit type when: a type closed to new patients needs an earlier
/// confirmed appointment with this practitioner, and <see cref="WeeklySchedule.MinDaysBetweenAppointments"/>
/// keeps a patient's confirmed appointments with one practitioner that many local dates apart. Reads the
/// patient's appointment ids (<see cref="PatientAppointmentIds"/>: two single-partition queries, so a booking just answered
/// counts) and a point read per appointment.
/// </summary>
/// <remarks>
/// A check before the hold, not part of it: two bookings of one patient racing each other may both pass the
/// too-close rule. The rule guards a practice's policy, not the slot: no slot is ever held twice.
/// </remarks>
public sealed class VisitRules(PatientAppointmentIds patientAppointments, IDocumentStore<Appointment> appointments)
{
    public static Failure NotEligible { get; } = new(
        FailureKind.Conflict, "not-eligible", "This visit type is for patients this practitioner has already seen. Choose another visit type.");

    public static Failure TooClose(int days) => new(
        FailureKind.Conflict, "too-close", $"This practitioner sees a patient at most once every {days} days; another appointment is too close to this one.");

    /// <summary>Why <paramref name="patientId"/> may not have <paramref name="type"/> at <paramref name="placement"/>, or null; <paramref name="movingId"/> is an appointment being moved, left out.</summary>
    public async Task<Failure?> CheckAsync(
        string patientId, string practitionerId, WeeklySchedule schedule, VisitType type, SlotPlacement placement, string? movingId, CancellationToken ct)
    {
        var minDays = schedule.MinDaysBetweenAppointments;
        if (type.NewPatients && minDays == 0)
        {
            return null;
        }

        var others = await ConfirmedWithAsync(patientId, practitionerId, movingId, ct);
        if (!type.NewPatients && !others.Any(a => a.Placement.Time.Start < placement.Time.Start))
        {
            return NotEligible;
        }

        return minDays > 0 && others.Any(a => Math.Abs(Period.Between(a.Placement.Date, placement.Date, PeriodUnits.Days).Days) < minDays)
            ? TooClose(minDays)
            : null;
    }

    private async Task<List<Appointment>> ConfirmedWithAsync(string patientId, string practitionerId, string? movingId, CancellationToken ct)
    {
        var found = new List<Appointment>();
        foreach (var id in await patientAppointments.ListAsync(patientId, ct))
        {
            if (id == movingId)
            {
                continue;
            }

            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(id), ct);
            if (stored is { Value: { Status: AppointmentStatus.Confirmed } a } && a.PatientId == patientId && a.PractitionerId == practitionerId)
            {
                found.Add(a);
            }
        }

        return found;
    }
}
