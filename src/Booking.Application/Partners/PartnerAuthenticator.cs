using Booking.Application.Storage;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

/// <summary>Who presents an <c>X-Api-Key</c>: the partner, or nothing (unknown, revoked or wrong key look the same).</summary>
public sealed class PartnerAuthenticator(IDocumentStore<Partner> partners)
{
    public async Task<(Partner Partner, string KeyId)?> AuthenticateAsync(string? apiKey, CancellationToken ct)
    {
        if (ApiKeyFormat.Parse(apiKey) is not var (partnerId, keyId, secret))
        {
            return null;
        }

        var stored = await partners.ReadAsync(PartnerKeys.Partner(partnerId), ct);
        var key = stored?.Value.ApiKeys.FirstOrDefault(k => k.KeyId == keyId && k.RevokedAt is null);
        return key is not null && ApiKeyFormat.Matches(secret, key.SecretHash) ? (stored!.Value, keyId) : null;
    }
}
