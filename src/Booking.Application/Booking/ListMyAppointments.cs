using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>A patient lists their own appointments, soonest first, cancelled ones included.</summary>
public sealed class ListMyAppointments(IDocumentStore<PatientAppointmentLink> links, IDocumentStore<Appointment> appointments, PersonalDataDoor door)
{
    public async Task<Outcome<IReadOnlyList<AppointmentView>>> HandleAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients have their own appointments.");
        }

        var views = new List<AppointmentView>();
        foreach (var link in await links.ReadPartitionAsync(AppointmentKeys.PatientPartition(caller.Subject), ct))
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(link.Value.AppointmentId), ct);
            if (stored is { Value.IsVisible: true } && stored.Value.PatientId == caller.Subject)
            {
                views.Add(await door.OpenAsync(caller, AccessPurpose.PatientListsAppointments, stored.Value, ct));
            }
        }

        return views.OrderBy(v => v.Start.ToInstant()).ToList();
    }
}
