using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// A patient has their data destroyed (GDPR Art. 17) by crypto-shredding: their data key goes first, physically,
/// so every copy of their ciphertext in the live stores is unreadable from that instant (backups: within the bound
/// of docs/security.md). Then future appointments are cancelled and their slots freed; every appointment loses its
/// sealed fields and the patient's id (it stays in the practitioner's agenda as a time taken by nobody in particular);
/// their waitlist entries are deleted (freeing a slot being offered to them);
/// the links filing appointments under the patient, their delivery records and idempotency records (keyed
/// fingerprints of their requests) are deleted, and earlier versions purged from the store's files; whatever else
/// holds what they were sent forgets it; the erasure itself is logged. A booking of theirs in flight meanwhile is erased
/// too if its appointment is there by the time its claim or link is deleted (otherwise it is filed under them after, and
/// they see it and can erase it). Repeating it is harmless, and a repeat after a crash finishes what the crash
/// interrupted (the links go last).
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

        var patientId = caller.Subject;
        await dataKeys.DestroyAsync(DataKeyOwner.Patient(patientId), ct);
        var now = time.GetCurrentInstant();
        // With the bookings of the last moments, whose filing under the patient (off their request path) may not be done.
        var appointmentIds = await patientAppointments.ListAsync(patientId, ct);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var appointmentId in appointmentIds)
        {
            if (await EraseAppointmentAsync(patientId, appointmentId, now, ct))
            {
                erased.Add(appointmentId);
            }
        }

        var waitlistIds = await waitlist.EraseAsync(patientId, ct);

        await DeleteAllAsync(deliveries, DeliveryRecord.Partition(patientId), ct);
        List<string> late = [];
        foreach (var claim in await idempotencyRecords.ReadPartitionAsync(BookAppointment.IdempotencyScope(patientId), ct))
        {
            await EraseLateAsync(claim.Value.OutcomeJson is null ? claim.Value.OperationId : null, late);
            await idempotencyRecords.DeleteAsync(claim.Key, ct);
        }

        await idempotencyRecords.PurgeHistoryAsync(ct);
        await DeleteAllAsync(idempotencyRecords, Waitlist.WaitlistKeys.IdempotencyScope(patientId), ct);
        await ForgetAsync([.. appointmentIds, .. waitlistIds, .. late], ct);

        foreach (var link in await links.ReadPartitionAsync(AppointmentKeys.PatientPartition(patientId), ct))
        {
            List<string> filedSince = [];
            await EraseLateAsync(link.Value.AppointmentId, filedSince);
            await ForgetAsync(filedSince, ct);
            await links.DeleteAsync(link.Key, ct);
        }

        await links.PurgeHistoryAsync(ct);
        await appointments.PurgeHistoryAsync(ct);
        await door.RecordAsync(caller, AccessPurpose.PatientErasure, patientId, null, ct);
        return true;

        // A booking in flight when the listing ran (its claim listed, its appointment not yet written, or not even claimed)
        // may have written its appointment since, or filed it under the patient: it is erased too before the claim or link
        // naming it goes, else it would outlive the erasure where no export or later erasure finds it (readable, if sealed
        // under a data key made after the first was destroyed).
        async Task EraseLateAsync(string? appointmentId, List<string> erasedNow)
        {
            if (appointmentId is not null && !erased.Contains(appointmentId) && await EraseAppointmentAsync(patientId, appointmentId, now, ct))
            {
                erased.Add(appointmentId);
                erasedNow.Add(appointmentId);
            }
        }
    }

    /// <summary>Cancels the appointment if still to come, erases it and frees its slot; false when it is not (or no longer) the patient's.</summary>
    private async Task<bool> EraseAppointmentAsync(string patientId, string appointmentId, Instant now, CancellationToken ct)
    {
        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
        if (stored is null || stored.Value.PatientId != patientId)
        {
            return false;
        }

        var future = stored.Value.Placement.Time.Start > now;
        var erased = await updater.UpdateAsync(stored.Value.Id, a => (future ? a.Cancel(now) : a).Erase(now), ct);
        await outbox.TryPublishAsync(erased, ct);
        if (erased.Status == AppointmentStatus.Cancelled || erased.Status == AppointmentStatus.Abandoned)
        {
            await holder.ReleaseAsync(erased.PractitionerId, erased.Placement, erased.Id, ct);
        }

        return true;
    }

    private async Task ForgetAsync(List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var participant in participants)
        {
            await participant.ForgetAppointmentsAsync(ids, ct);
        }
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
