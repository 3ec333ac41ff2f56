using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>
/// Files a booked appointment where the other paths look for it: under its patient (my appointments, visit rules), in the
/// purge's index by end day and, while it is confirmed, in the reminders' index by due time. Off the booking's request
/// path: run after the appointment is written, then by the outbox sweeper for any marker a crash left. Upserts only, so
/// safe to repeat; a filing for an appointment moved since files its new place (the move files it too).
/// </summary>
public sealed class AppointmentFiling(
    IDocumentStore<Appointment> appointments,
    IDocumentStore<PatientAppointmentLink> links,
    ReminderPlanner reminders,
    AppointmentRetentionPlanner retention)
{
    /// <summary>Files the appointment as stored now; nothing when there is none (its booking died before writing it).</summary>
    public async Task FileAsync(string appointmentId, CancellationToken ct)
    {
        if ((await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct))?.Value is { } appointment)
        {
            await FileAsync(appointment, ct);
        }
    }

    public async Task FileAsync(Appointment appointment, CancellationToken ct)
    {
        await retention.PlanAsync(appointment.Id, appointment.Placement, ct);
        if (appointment.PatientId != Appointment.ErasedPatientId)
        {
            var link = AppointmentKeys.PatientLink(appointment.PatientId, appointment.Id);
            await links.UpsertAsync(link, new PatientAppointmentLink(appointment.Id), null, ct);
            // An erasure that began after this filing read the appointment erases it before it deletes the patient's links:
            // read again, so a link written behind the erasure's back does not outlive it (it would say who saw whom, and when).
            if ((await appointments.ReadAsync(AppointmentKeys.Appointment(appointment.Id), ct))?.Value.PatientId != appointment.PatientId)
            {
                await links.DeleteAsync(link, ct);
            }
        }

        if (appointment.Status == AppointmentStatus.Confirmed)
        {
            await reminders.PlanAsync(appointment.Id, appointment.Placement, ct);
        }
    }
}
