using Booking.Application.Common;
using Booking.Domain.Common;

namespace Booking.Application.Waitlist;

/// <summary>Its patient reads one waitlist entry; anyone else is told it does not exist.</summary>
public sealed class GetWaitlistEntry(PatientWaitlist waitlist, TimeProvider time)
{
    public async Task<Outcome<WaitlistReceipt>> HandleAsync(Caller caller, string waitlistId, CancellationToken ct)
    {
        var entry = caller.Role == Role.Patient && OpaqueId.IsWellFormed(waitlistId) ? await waitlist.FindAsync(caller.Subject, waitlistId, ct) : null;
        return entry is null ? Failure.NotFound("waitlist entry") : WaitlistReceipt.Of(entry.Value, time.GetCurrentInstant());
    }
}
