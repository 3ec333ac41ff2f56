using System.Security.Cryptography;
using System.Text;
using Booking.Application.Privacy;
using Booking.Domain.Common;

namespace Booking.Application.Waitlist;

/// <summary>What an offer token names: the entry (by its practitioner's partition) and the one offer of it.</summary>
public sealed record OfferReference(string PractitionerId, string WaitlistId, string OfferId);

/// <summary>
/// Offer tokens: a version byte, the practitioner, entry and offer ids and their MAC (<see cref="TokenSigner"/>, label
/// <c>booking waitlist-offer v1</c>), in base64url. Stateless; whether the offer is still open is the entry's to say,
/// so a token outlives nothing: once its offer ended, it answers that it ended.
/// </summary>
public sealed class OfferTokens(IKeyRing keyRing)
{
    private const byte Version = 1;
    private const int IdBytes = 16;
    private const int MacBytes = TokenSigner.MacBytes;
    private const int TokenBytes = 1 + (3 * IdBytes) + MacBytes;
    private readonly TokenSigner _signer = new(keyRing, "booking waitlist-offer v1");

    public static readonly int TokenLength = Base64Url.EncodedLength(TokenBytes);

    public async Task<string> IssueAsync(OfferReference offer, CancellationToken ct)
    {
        var token = new byte[TokenBytes];
        token[0] = Version;
        string[] ids = [offer.PractitionerId, offer.WaitlistId, offer.OfferId];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!Base64Url.TryDecode(ids[i], token.AsSpan(1 + (i * IdBytes), IdBytes)))
            {
                throw new ArgumentException("Offer references are made of opaque ids.", nameof(offer));
            }
        }

        (await _signer.SignAsync(token[..^MacBytes], ct)).CopyTo(token.AsSpan(TokenBytes - MacBytes));
        return Base64Url.Encode(token);
    }

    /// <summary>The offer the token names, or null when it is malformed or tampered with.</summary>
    public async Task<OfferReference?> ReadAsync(string? token, CancellationToken ct)
    {
        var bytes = new byte[TokenBytes];
        if (token is null || token.Length != TokenLength || !Base64Url.TryDecode(token, bytes) || bytes[0] != Version
            || !await _signer.VerifyAsync(bytes[..^MacBytes], bytes.AsMemory(TokenBytes - MacBytes), ct))
        {
            return null;
        }

        string Id(int i) => Base64Url.Encode(bytes.AsSpan(1 + (i * IdBytes), IdBytes));
        return new OfferReference(Id(0), Id(1), Id(2));
    }

    /// <summary>What the access log records of a token: a short fingerprint, never the token.</summary>
    public static string Fingerprint(string token) =>
        "offer-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)).AsSpan(0, 8));
}
