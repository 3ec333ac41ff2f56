using NodaTime;

namespace Booking.Application.Holds;

/// <summary>
/// A patient's holds, filed in the patient's partition so the limit per patient is one conditional write and
/// <c>DELETE /api/holds/{id}</c> finds the hold's day. Ids, a date and an expiry only; expires with its last hold.
/// </summary>
public sealed record HoldLedger(IReadOnlyList<HoldLedger.Entry> Holds)
{
    public IEnumerable<Entry> Active(Instant now) => Holds.Where(h => now < h.ExpiresAt);

    public sealed record Entry(string HoldId, string PractitionerId, LocalDate Date, Instant ExpiresAt);
}
