using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Holds;

/// <summary>Its holder ends a hold before it expires; anyone else (or a hold already ended) is told it does not exist.</summary>
public sealed class ReleaseHold(IDocumentStore<PractitionerDay> days, IDocumentStore<HoldLedger> ledgers, AvailabilitySummaries summaries)
{
    public async Task<Outcome<bool>> HandleAsync(Caller caller, string holdId, CancellationToken ct)
    {
        var ledger = caller.Role == Role.Patient && OpaqueId.IsWellFormed(holdId) ? await ledgers.ReadAsync(HoldKeys.Ledger(caller.Subject), ct) : null;
        var entry = ledger?.Value.Holds.FirstOrDefault(h => h.HoldId == holdId);
        if (entry is null)
        {
            return Failure.NotFound("hold");
        }

        await days.UpdateAsync(PractitionerKeys.Day(entry.PractitionerId, entry.Date), d => d.Unreserve(holdId) ?? d, ct);
        await ledgers.UpdateAsync(HoldKeys.Ledger(caller.Subject), l => new HoldLedger(l.Holds.Where(h => h.HoldId != holdId).ToList()), ct);
        await summaries.RefreshAsync(entry.PractitionerId, ct);
        return true;
    }
}
