using Booking.Application.Common;
using Booking.Domain.Common;

namespace Booking.Application.Waitlist;

/// <summary>
/// Its patient leaves a waitlist: the entry (and its sealed details) is deleted, and a slot it was being offered is
/// free again at once, for the next patient. Anyone else, or an entry already gone, is told it does not exist.
/// </summary>
public sealed class LeaveWaitlist(PatientWaitlist waitlist)
{
    public async Task<Outcome<bool>> HandleAsync(Caller caller, string waitlistId, CancellationToken ct)
    {
        var entry = caller.Role == Role.Patient && OpaqueId.IsWellFormed(waitlistId) ? await waitlist.FindAsync(caller.Subject, waitlistId, ct) : null;
        if (entry is null)
        {
            return Failure.NotFound("waitlist entry");
        }

        await waitlist.RemoveAsync(entry, ct);
        return true;
    }
}
