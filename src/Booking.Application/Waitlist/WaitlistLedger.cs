using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// A patient's waitlist entries, filed under the patient so the limit per patient is one conditional write and
/// their own reads (list, get, delete, export, erasure) find the entries' partitions. Ids and expiries only;
/// expires with its last entry.
/// </summary>
public sealed record WaitlistLedger(IReadOnlyList<WaitlistLedger.Entry> Entries)
{
    public IEnumerable<Entry> Live(Instant now) => Entries.Where(e => now < e.ExpiresAt);

    public sealed record Entry(string WaitlistId, string PractitionerId, Instant ExpiresAt);
}
