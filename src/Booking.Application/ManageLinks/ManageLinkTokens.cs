using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.ManageLinks;

/// <summary>
/// Manage-link tokens: a version byte, the appointment's id, an expiry and an HMAC-SHA256 (truncated to 128
/// bits) over both, in base64url — stateless, so nothing is stored, not even a hash. The key is derived
/// (HKDF) from the blind-index key under its own label, so it lives in Key Vault with the other keys and
/// a token can't be confused with anything else signed here. Changing the token in any way, or presenting it
/// after its expiry, makes it unknown.
/// </summary>
public sealed class ManageLinkTokens(IKeyRing keyRing, IOptions<ManageLinkOptions> options, TimeProvider time)
{
    private const byte Version = 1;
    private const int IdBytes = 16;
    private const int MacBytes = 16;
    private const int TokenBytes = 1 + IdBytes + sizeof(long) + MacBytes;
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("booking manage-link v1");
    private DerivedKey? _key;

    /// <summary>The length of every token, in characters.</summary>
    public static readonly int TokenLength = Base64Url.EncodedLength(TokenBytes);

    /// <summary>A token for <paramref name="appointment"/>, valid until its end plus the configured grace.</summary>
    public async Task<string> IssueAsync(Appointment appointment, CancellationToken ct)
    {
        var expires = appointment.Placement.Time.End + Duration.FromHours(options.Value.ValidHoursAfterEnd);
        var token = new byte[TokenBytes];
        token[0] = Version;
        if (!Base64Url.TryDecode(appointment.Id, token.AsSpan(1, IdBytes)))
        {
            throw new ArgumentException("An appointment id is always an opaque id.", nameof(appointment));
        }

        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + IdBytes), expires.ToUnixTimeSeconds());
        (await MacAsync(token.AsSpan(0, TokenBytes - MacBytes).ToArray(), ct)).AsSpan(0, MacBytes).CopyTo(token.AsSpan(TokenBytes - MacBytes));
        return Base64Url.Encode(token);
    }

    /// <summary>The appointment id the token is for, or null when it is malformed, tampered with or expired.</summary>
    public async Task<string?> ReadAsync(string? token, CancellationToken ct)
    {
        var bytes = new byte[TokenBytes];
        if (token is null || token.Length != TokenLength || !Base64Url.TryDecode(token, bytes) || bytes[0] != Version)
        {
            return null;
        }

        var mac = await MacAsync(bytes.AsSpan(0, TokenBytes - MacBytes).ToArray(), ct);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacBytes), bytes.AsSpan(TokenBytes - MacBytes)))
        {
            return null;
        }

        var expires = Instant.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1 + IdBytes)));
        return time.GetCurrentInstant() < expires ? Base64Url.Encode(bytes.AsSpan(1, IdBytes)) : null;
    }

    /// <summary>
    /// What the access log records of a token: a short fingerprint, enough to tell one leaked link's uses apart
    /// in a breach report, useless to rebuild the link.
    /// </summary>
    public static string Fingerprint(string token) =>
        "link-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)).AsSpan(0, 8));

    private async Task<byte[]> MacAsync(byte[] signed, CancellationToken ct) => HMACSHA256.HashData(await KeyAsync(ct), signed);

    // Derived again only when the key ring hands out another blind-index key (a new secret version).
    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        var source = await keyRing.BlindIndexKeyAsync(ct);
        if (_key is { } known && known.Source.AsSpan().SequenceEqual(source))
        {
            return known.Key;
        }

        var derived = new DerivedKey([.. source], HKDF.DeriveKey(HashAlgorithmName.SHA256, source, 32, salt: [], info: KeyLabel));
        _key = derived;
        return derived.Key;
    }

    private sealed record DerivedKey(byte[] Source, byte[] Key);
}
