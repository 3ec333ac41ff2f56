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
/// Manage-link tokens: a version byte, the appointment's id, an expiry and their MAC (<see cref="TokenSigner"/>,
/// under the label <c>booking manage-link v1</c>), in base64url — stateless, so nothing is stored, not even a hash.
/// Changing the token in any way, or presenting it after its expiry, makes it unknown.
/// </summary>
public sealed class ManageLinkTokens(IKeyRing keyRing, IOptions<ManageLinkOptions> options, TimeProvider time)
{
    private const byte Version = 1;
    private const int IdBytes = 16;
    private const int MacBytes = TokenSigner.MacBytes;
    private const int TokenBytes = 1 + IdBytes + sizeof(long) + MacBytes;
    private readonly TokenSigner _signer = new(keyRing, "booking manage-link v1");

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
        (await _signer.SignAsync(token.AsSpan(0, TokenBytes - MacBytes).ToArray(), ct)).CopyTo(token.AsSpan(TokenBytes - MacBytes));
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

        if (!await _signer.VerifyAsync(bytes.AsSpan(0, TokenBytes - MacBytes).ToArray(), bytes.AsMemory(TokenBytes - MacBytes), ct))
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
}
