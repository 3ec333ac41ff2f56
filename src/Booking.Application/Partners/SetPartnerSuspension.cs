using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

public sealed record PartnerStatus(string PartnerId, bool Suspended);

/// <summary>An operator suspends a partner (every call then 403, every queued request rejected) or resumes it.</summary>
public sealed class SetPartnerSuspension(IDocumentStore<Partner> partners)
{
    public async Task<Outcome<PartnerStatus>> HandleAsync(Caller caller, string partnerId, bool suspend, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators suspend or resume partners.");
        }

        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = OpaqueId.IsWellFormed(partnerId) ? await partners.ReadAsync(PartnerKeys.Partner(partnerId), ct) : null;
            if (stored is null)
            {
                return Failure.NotFound("partner");
            }

            var changed = suspend ? stored.Value.Suspend() : stored.Value.Resume();
            if (changed == stored.Value || await partners.TryReplaceAsync(stored.Key, changed, stored.ETag, null, ct) is not null)
            {
                return new PartnerStatus(partnerId, changed.Suspended);
            }
        }

        throw new StoreUnavailableException("A partner kept changing under concurrent updates.");
    }
}
