using Booking.Application.Idempotency;
using Booking.Application.Storage;

namespace Booking.Application.Booking;

/// <summary>
/// The ids of a patient's appointments: those filed under the patient, and those booked in the last day (the patient's
/// idempotency records without an outcome name them) whose filing, off the booking's request path, may not be done yet.
/// Two single-partition queries; read-your-writes for whoever asks right after booking (the list, the visit rules, the erasure).
/// Some ids may name no appointment (a booking that died before writing it): the caller reads each and skips those.
/// </summary>
public sealed class PatientAppointmentIds(IDocumentStore<PatientAppointmentLink> links, IDocumentStore<IdempotencyRecord> bookings)
{
    public async Task<IReadOnlyList<string>> ListAsync(string patientId, CancellationToken ct)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in await links.ReadPartitionAsync(AppointmentKeys.PatientPartition(patientId), ct))
        {
            if (seen.Add(link.Value.AppointmentId))
            {
                ids.Add(link.Value.AppointmentId);
            }
        }

        // A record with an outcome is a refused booking; without one, its operation id is the appointment (if it got written).
        foreach (var booking in await bookings.ReadPartitionAsync(BookAppointment.IdempotencyScope(patientId), ct))
        {
            if (booking.Value.OutcomeJson is null && seen.Add(booking.Value.OperationId))
            {
                ids.Add(booking.Value.OperationId);
            }
        }

        return ids;
    }
}
