using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Privacy;

/// <summary>A patient takes every piece of personal data held about them. Each opening is logged, then the log itself is included.</summary>
public sealed class ExportMyData(
    IDocumentStore<PatientAppointmentLink> links,
    IDocumentStore<Appointment> appointments,
    PersonalDataDoor door,
    IAccessLog accessLog,
    ISentNotificationLog notifications,
    Waitlist.PatientWaitlist waitlist,
    TimeProvider time)
{
    public async Task<Outcome<PersonalDataExport>> HandleAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients export their own data.");
        }

        var views = new List<AppointmentView>();
        foreach (var link in await links.ReadPartitionAsync(AppointmentKeys.PatientPartition(caller.Subject), ct))
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(link.Value.AppointmentId), ct);
            if (stored is { Value.IsVisible: true } && stored.Value.PatientId == caller.Subject)
            {
                views.Add(await door.OpenAsync(caller, AccessPurpose.PatientExport, stored.Value, ct));
            }
        }

        views.Sort((a, b) => a.Start.ToInstant().CompareTo(b.Start.ToInstant()));
        var latest = views.LastOrDefault(v => v.Patient is not null)?.Patient;
        var waiting = new List<WaitlistExport>();
        foreach (var entry in await waitlist.AllAsync(caller.Subject, ct))
        {
            var (patient, reason) = await door.OpenWaitlistAsync(
                caller.Principal, caller.Role.ToString().ToLowerInvariant(), AccessPurpose.PatientExport, entry.Value, null, ct);
            waiting.Add(new WaitlistExport(Waitlist.WaitlistReceipt.Of(entry.Value, time.GetCurrentInstant()), patient, reason, entry.Value.Consent));
        }

        return new PersonalDataExport(
            caller.Subject,
            latest,
            views,
            await notifications.ForPatientAsync(caller.Subject, ct),
            await accessLog.AboutPatientAsync(caller.Subject, ct),
            waiting);
    }
}
