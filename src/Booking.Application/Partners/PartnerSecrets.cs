using Booking.Application.Privacy;

namespace Booking.Application.Partners;

/// <summary>Seals and opens partners' signing secrets under a data key of the partner's own (wrapped by the KEK like patients' keys).</summary>
public sealed class PartnerSecrets(DataKeys dataKeys, IFieldCipher cipher)
{
    public async Task<string> SealAsync(string partnerId, string secret, CancellationToken ct)
    {
        var key = await dataKeys.GetOrCreateAsync(DataKeyOwner.Partner(partnerId), ct);
        return cipher.Seal(key.Key, key.KekVersion, Context(partnerId), secret);
    }

    public async Task<string> OpenAsync(string partnerId, string sealedSecret, CancellationToken ct)
    {
        var key = await dataKeys.FindAsync(DataKeyOwner.Partner(partnerId), ct)
            ?? throw new System.Security.Cryptography.CryptographicException("The partner's key is gone.");
        return cipher.Open(key.Key, Context(partnerId), sealedSecret);
    }

    private static string Context(string partnerId) => $"booking-partner-secret|v1|{partnerId}";
}
