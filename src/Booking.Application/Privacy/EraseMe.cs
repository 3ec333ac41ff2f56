using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Privacy;

/// <summary>
/// A patient has their data destroyed (GDPR Art. 17) by crypto-shredding: their data key goes first, so
/// every copy of their ciphertext — stores, backups, dead letters — is unreadable from that instant. Then
/// future appointments are cancelled and their slots freed, sealed fields are dropped, idempotency records
/// (keyed fingerprints of their requests) are deleted, and the erasure itself is logged. Repeating it is harmless.
/// </summary>
public sealed class EraseMe(
    DataKeys dataKeys,
    IDocumentStore<PatientAppointmentLink> links,
    IDocumentStore<Appointment> appointments,
    IDocumentStore<Idempotency.IdempotencyRecord> idempotencyRecords,
    AppointmentUpdater updater,
    SlotHolder holder,
    PersonalDataDoor door,
    OutboxPublisher outbox,
    TimeProvider time)
{
    public async Task<Outcome<bool>> HandleAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients erase their own data.");
        }

        await dataKeys.DestroyAsync(caller.Subject, ct);
        var now = time.GetCurrentInstant();
        foreach (var link in await links.ReadPartitionAsync(AppointmentKeys.PatientPartition(caller.Subject), ct))
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(link.Value.AppointmentId), ct);
            if (stored is null || stored.Value.PatientId != caller.Subject)
            {
                continue;
            }

            var future = stored.Value.Placement.Time.Start > now;
            await outbox.ExpectEventsAsync(stored.Value.Id, ct);
            var erased = await updater.UpdateAsync(stored.Value.Id, a => (future ? a.Cancel(now) : a).Erase(now), ct);
            await outbox.TryPublishAsync(stored.Value.Id, ct);
            if (erased.Status == AppointmentStatus.Cancelled || erased.Status == AppointmentStatus.Abandoned)
            {
                await holder.ReleaseAsync(erased.PractitionerId, erased.Placement, erased.Id, ct);
            }
        }

        foreach (var record in await idempotencyRecords.ReadPartitionAsync(BookAppointment.IdempotencyScope(caller.Subject), ct))
        {
            await idempotencyRecords.DeleteAsync(record.Key, ct);
        }

        await door.RecordAsync(caller, AccessPurpose.PatientErasure, caller.Subject, null, ct);
        return true;
    }
}
