using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>Applies a change to an appointment by read, change, conditional replace — retried when another writer got there first.</summary>
public sealed class AppointmentUpdater(IDocumentStore<Appointment> appointments)
{
    public async Task<Appointment> UpdateAsync(string appointmentId, Func<Appointment, Appointment> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct)
                ?? throw new StoreUnavailableException("An appointment vanished while being changed.");
            var changed = change(stored.Value);
            if (ReferenceEquals(changed, stored.Value)
                || await appointments.TryReplaceAsync(stored.Key, changed, stored.ETag, null, ct) is not null)
            {
                return changed;
            }
        }

        throw new StoreUnavailableException("An appointment kept changing under concurrent updates.");
    }
}
