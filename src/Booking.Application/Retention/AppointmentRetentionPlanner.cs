using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Retention;

/// <summary>Files an appointment under the day it ends, for the purge; called before it is created or moved.</summary>
public sealed class AppointmentRetentionPlanner(IDocumentStore<AppointmentRetention> index)
{
    public Task PlanAsync(string appointmentId, SlotPlacement placement, CancellationToken ct)
    {
        var end = placement.Time.End;
        return index.UpsertAsync(AppointmentRetention.Key(appointmentId, end), new AppointmentRetention(appointmentId, end), null, ct);
    }
}
