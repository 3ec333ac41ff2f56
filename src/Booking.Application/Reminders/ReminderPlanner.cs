using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Reminders;

/// <summary>Files an appointment's reminder in the due-time index; called before the write that confirms or moves it.</summary>
public sealed class ReminderPlanner(IDocumentStore<ReminderDue> index)
{
    public Task PlanAsync(string appointmentId, SlotPlacement placement, CancellationToken ct)
    {
        var start = placement.Time.Start;
        return index.UpsertAsync(ReminderDue.Key(appointmentId, start), new ReminderDue(appointmentId, start), start, ct);
    }
}
