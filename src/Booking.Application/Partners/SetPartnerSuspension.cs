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

        var changed = OpaqueId.IsWellFormed(partnerId)
            ? await partners.UpdateAsync(PartnerKeys.Partner(partnerId), p => p.Suspended == suspend ? p : suspend ? p.Suspend() : p.Resume(), ct)
            : null;
        return changed is null ? Failure.NotFound("partner") : new PartnerStatus(partnerId, changed.Suspended);
    }
}
