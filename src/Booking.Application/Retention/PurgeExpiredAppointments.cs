using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Retention;

/// <summary>
/// Deletes appointments <see cref="RetentionOptions.AppointmentDays"/> after they end — the appointment, the
/// patient's link to it and its place in the practitioner's day — reading only the end-day partitions of the
/// index that can hold expired entries. A cursor remembers the last day fully handled, so a missed run is caught
/// up and a day is never read twice; the day still in progress is read every run and only what has expired goes.
/// </summary>
public sealed class PurgeExpiredAppointments(
    IDocumentStore<AppointmentRetention> index,
    IDocumentStore<PurgeCursor> cursors,
    IDocumentStore<Appointment> appointments,
    IDocumentStore<PatientAppointmentLink> links,
    IDocumentStore<PractitionerDay> days,
    IOptions<RetentionOptions> options,
    TimeProvider time) : IRetentionPurger
{
    /// <summary>How far back the very first run looks (entries older than this can't exist: the index is newer).</summary>
    public static readonly Period FirstRunLookback = Period.FromDays(400);

    public string DataClass => "appointments";

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var retention = Duration.FromDays(options.Value.AppointmentDays);
        var now = time.GetCurrentInstant();
        var newestEndDay = (now - retention).InUtc().Date;
        var cursor = await cursors.ReadAsync(PurgeCursor.Key, cancellationToken);
        var removed = 0;
        for (var day = cursor?.Value.LastDay.PlusDays(1) ?? newestEndDay - FirstRunLookback; day <= newestEndDay; day = day.PlusDays(1))
        {
            foreach (var entry in await index.ReadPartitionAsync(AppointmentRetention.Day(day), cancellationToken))
            {
                if (entry.Value.End + retention <= now)
                {
                    removed += await RemoveAsync(entry, retention, now, cancellationToken) ? 1 : 0;
                }
            }

            if (day < newestEndDay)
            {
                await cursors.UpsertAsync(PurgeCursor.Key, new PurgeCursor(day), null, cancellationToken);
            }
        }

        return removed;
    }

    private async Task<bool> RemoveAsync(Versioned<AppointmentRetention> entry, Duration retention, Instant now, CancellationToken ct)
    {
        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(entry.Value.AppointmentId), ct);
        var removed = false;
        if (stored is not null && stored.Value.Placement.Time.End + retention <= now)
        {
            var a = stored.Value;
            var day = PractitionerKeys.Day(a.PractitionerId, a.Placement.Date);
            if (await days.UpdateAsync(day, d => d.Forget(a.Id), ct) is { IsEmpty: true })
            {
                await days.DeleteAsync(day, ct);
            }

            await links.DeleteAsync(AppointmentKeys.PatientLink(a.PatientId, a.Id), ct);
            removed = await appointments.DeleteAsync(stored.Key, ct);
        }

        // Gone, expired and removed, or moved later (its new end has an entry of its own): this entry is done.
        await index.DeleteAsync(entry.Key, ct);
        return removed;
    }
}
