using Booking.Application.Booking;
using Booking.Application.Storage;

namespace Booking.Application.Waitlist;

/// <summary>
/// Where the waitlist lives: entries in their practitioner's waitlist partition (one single-partition read finds
/// who is next), the patient's ledger of entries in the patient's partition, and one watch item per practitioner
/// with waiting patients in one small partition the offer timer reads.
/// </summary>
public static class WaitlistKeys
{
    public const string WatchPartition = "waitlist-watch";

    public static string EntriesPartition(string practitionerId) => "waitlist:" + practitionerId;

    public static DocumentKey Entry(string practitionerId, string waitlistId) => new(EntriesPartition(practitionerId), waitlistId);

    public static DocumentKey Ledger(string patientId) => new(AppointmentKeys.PatientPartition(patientId), "waitlist");

    public static DocumentKey Watch(string practitionerId) => new(WatchPartition, practitionerId);

    /// <summary>The partition of a patient's waitlist idempotency records (deleted on erasure).</summary>
    public static string IdempotencyScope(string patientId) => "waitlist:" + patientId;
}
