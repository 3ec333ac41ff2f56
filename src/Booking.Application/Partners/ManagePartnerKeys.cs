using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

/// <summary>A new API key, shown once.</summary>
public sealed record IssuedKey(string PartnerId, string KeyId, string ApiKey);

/// <summary>
/// Key rotation with overlap: an operator issues a second key while the first still works, the partner switches,
/// then the old key is revoked. At most two keys are active at once; a revoked key stops working at once.
/// </summary>
public sealed class ManagePartnerKeys(IDocumentStore<Partner> partners, TimeProvider time)
{
    public const int MaxActiveKeys = 2;

    public static Failure TooManyKeys { get; } = new(FailureKind.Conflict, "too-many-keys", $"A partner has at most {MaxActiveKeys} active keys: revoke one first.");

    public Task<Outcome<IssuedKey>> IssueAsync(Caller caller, string partnerId, CancellationToken ct) =>
        ChangeAsync<IssuedKey>(caller, partnerId, partner =>
        {
            if (partner.ApiKeys.Count(k => k.RevokedAt is null) >= MaxActiveKeys)
            {
                return (null, TooManyKeys);
            }

            var (keyId, secret, apiKey) = ApiKeyFormat.New(partner.Id);
            var changed = partner with { ApiKeys = [.. partner.ApiKeys, new PartnerApiKey(keyId, ApiKeyFormat.Hash(secret), time.GetCurrentInstant(), null)] };
            return (changed, new IssuedKey(partner.Id, keyId, apiKey));
        }, ct);

    public Task<Outcome<bool>> RevokeAsync(Caller caller, string partnerId, string keyId, CancellationToken ct) =>
        ChangeAsync<bool>(caller, partnerId, partner =>
        {
            var key = partner.ApiKeys.FirstOrDefault(k => k.KeyId == keyId);
            if (key is null)
            {
                return (null, Failure.NotFound("key"));
            }

            if (key.RevokedAt is not null)
            {
                return (partner, true);
            }

            var now = time.GetCurrentInstant();
            return (partner with { ApiKeys = partner.ApiKeys.Select(k => k.KeyId == keyId ? k with { RevokedAt = now } : k).ToList() }, true);
        }, ct);

    private async Task<Outcome<T>> ChangeAsync<T>(Caller caller, string partnerId, Func<Partner, (Partner? Changed, Outcome<T> Result)> change, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators manage partner keys.");
        }

        Outcome<T>? result = null;
        var updated = OpaqueId.IsWellFormed(partnerId)
            ? await partners.UpdateAsync(PartnerKeys.Partner(partnerId), p =>
            {
                var (changed, outcome) = change(p);
                result = outcome; // the outcome of the attempt that was written
                return changed ?? p;
            }, ct)
            : null;
        return updated is null ? Failure.NotFound("partner") : result!;
    }
}
