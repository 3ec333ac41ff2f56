using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using NodaTime;

namespace Booking.Application.Partners;

/// <summary>One of a partner's API keys as operators see it: never the key or its hash.</summary>
public sealed record PartnerKeyView(string KeyId, Instant CreatedAt, Instant? RevokedAt);

/// <summary>A partner as operators see it: never its keys' secrets or its signing secret.</summary>
public sealed record PartnerView(
    string PartnerId, string Name, IReadOnlyList<string> PractitionerIds, bool Suspended, Uri? WebhookUrl, IReadOnlyList<PartnerKeyView> Keys)
{
    public static PartnerView Of(Partner p) => new(
        p.Id, p.Name, p.PractitionerIds, p.Suspended, p.WebhookUrl, p.ApiKeys.Select(k => new PartnerKeyView(k.KeyId, k.CreatedAt, k.RevokedAt)).ToList());
}

/// <summary>An operator reads a partner: who it is, what it may book for, and its keys' ids and dates.</summary>
public sealed class GetPartner(IDocumentStore<Partner> partners)
{
    public async Task<Outcome<PartnerView>> HandleAsync(Caller caller, string partnerId, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators read partners.");
        }

        var stored = OpaqueId.IsWellFormed(partnerId) ? await partners.ReadAsync(PartnerKeys.Partner(partnerId), ct) : null;
        return stored is null ? Failure.NotFound("partner") : PartnerView.Of(stored.Value);
    }

    /// <summary>One key of the partner, or not found.</summary>
    public async Task<Outcome<PartnerKeyView>> KeyAsync(Caller caller, string partnerId, string keyId, CancellationToken ct)
    {
        var partner = await HandleAsync(caller, partnerId, ct);
        if (!partner.Succeeded)
        {
            return partner.Failure;
        }

        return partner.Value.Keys.FirstOrDefault(k => k.KeyId == keyId) is { } key ? key : Failure.NotFound("key");
    }
}
