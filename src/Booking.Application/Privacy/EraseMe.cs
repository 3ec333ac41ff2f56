using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Privacy;

/// <summary>
/// A patient has their data destroyed (GDPR Art. 17) by crypto-shredding: their data key goes first, physically,
/// so every copy of their ciphertext in the live stores is unreadable from that instant (backups: within the bound
/// of docs/security.md). Then future appointments are cancelled and their slots freed; every appointment loses its
/// sealed fields and the patient's id (it stays in the practitioner's agenda as a time taken by nobody in particular);
/// their waitlist entries are deleted (freeing a slot being offered to them);
/// the links filing appointments under the patient, their delivery records and idempotency records (keyed
/// fingerprints of their requests) are deleted, and earlier versions purged from the store's files; whatever else
/// holds what they were sent forgets it; the erasure itself is logged. Repeating it is harmless, and a repeat after
/// a crash finishes what the crash interrupted (the links go last).
/// </summary>
public sealed class EraseMe(
    DataKeys dataKeys,
    IDocumentStore<PatientAppointmentLink> links,
    IDocumentStore<Appointment> appointments,
    IDocumentStore<DeliveryRecord> deliveries,
    IDocumentStore<Idempotency.IdempotencyRecord> idempotencyRecords,
    PatientAppointmentIds patientAppointments,
    IEnumerable<IErasureParticipant> participants,
    AppointmentUpdater updater,
    SlotHolder holder,
    PersonalDataDoor door,
    OutboxPublisher outbox,
    Waitlist.PatientWaitlist waitlist,
    TimeProvider time)
{
    public async Task<Outcome<bool>> HandleAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients erase their own data.");
        }

        await dataKeys.DestroyAsync(DataKeyOwner.Patient(caller.Subject), ct);
        var now = time.GetCurrentInstant();
        // With the bookings of the last moments, whose filing under the patient (off their request path) may not be done.
        var appointmentIds = await patientAppointments.ListAsync(caller.Subject, ct);
        foreach (var appointmentId in appointmentIds)
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
            if (stored is null || stored.Value.PatientId != caller.Subject)
            {
                continue;
            }

            var future = stored.Value.Placement.Time.Start > now;
            var erased = await updater.UpdateAsync(stored.Value.Id, a => (future ? a.Cancel(now) : a).Erase(now), ct);
            await outbox.TryPublishAsync(erased, ct);
            if (erased.Status == AppointmentStatus.Cancelled || erased.Status == AppointmentStatus.Abandoned)
            {
                await holder.ReleaseAsync(erased.PractitionerId, erased.Placement, erased.Id, ct);
            }
        }

        var waitlistIds = await waitlist.EraseAsync(caller.Subject, ct);

        await DeleteAllAsync(deliveries, DeliveryRecord.Partition(caller.Subject), ct);
        await DeleteAllAsync(idempotencyRecords, BookAppointment.IdempotencyScope(caller.Subject), ct);
        await DeleteAllAsync(idempotencyRecords, Waitlist.WaitlistKeys.IdempotencyScope(caller.Subject), ct);
        List<string> forgotten = [.. appointmentIds, .. waitlistIds];
        foreach (var participant in participants)
        {
            await participant.ForgetAppointmentsAsync(forgotten, ct);
        }

        await DeleteAllAsync(links, AppointmentKeys.PatientPartition(caller.Subject), ct);
        await appointments.PurgeHistoryAsync(ct);
        await door.RecordAsync(caller, AccessPurpose.PatientErasure, caller.Subject, null, ct);
        return true;
    }

    private static async Task DeleteAllAsync<T>(IDocumentStore<T> store, string partition, CancellationToken ct)
        where T : class
    {
        foreach (var document in await store.ReadPartitionAsync(partition, ct))
        {
            await store.DeleteAsync(document.Key, ct);
        }

        await store.PurgeHistoryAsync(ct);
    }
}
