using System.Buffers.Binary;
using System.Text;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Domain.Common;
using NodaTime;

namespace Booking.Application.Paging;

/// <summary>
/// Opaque, tamper-proof page cursors, stateless: a version byte, the <see cref="PagePosition"/> (a flags byte, the time
/// as Unix ticks, the id as a length and its bytes) and a MAC (<see cref="TokenSigner"/>, label
/// <c>booking page-cursor v1</c>) over the position and the <see cref="PageScope"/>, in base64url. The scope (query
/// parameters, caller) is never in the cursor, only under its MAC: a cursor names nothing about who asked or what.
/// </summary>
public sealed class PageCursors(IKeyRing keyRing)
{
    private const byte Version = 1;
    private const byte HasTime = 1;
    private const byte HasId = 2;
    private const int MacBytes = TokenSigner.MacBytes;
    private const int MaxBytes = 2 + sizeof(long) + 1 + PagePosition.MaxIdBytes + MacBytes;
    private readonly TokenSigner _signer = new(keyRing, "booking page-cursor v1");

    /// <summary>The longest cursor, in characters: anything longer is refused before decoding.</summary>
    public static readonly int MaxLength = Base64Url.EncodedLength(MaxBytes);

    /// <summary>What a list answers to a cursor it did not issue for this query and caller (tampered, truncated, foreign).</summary>
    public static Failure Refused { get; } = new(
        FailureKind.Validation,
        "invalid-cursor",
        "The cursor was not issued by this list for this query. Start again without a cursor.",
        [new DomainError("invalid-cursor", "cursor is not a cursor of this list for this query.", "cursor")]);

    public async Task<string> IssueAsync(PageScope scope, PagePosition position, CancellationToken ct)
    {
        var id = position.Id is null ? [] : Encoding.UTF8.GetBytes(position.Id);
        if (id.Length > PagePosition.MaxIdBytes)
        {
            throw new ArgumentException("A position's id is an opaque id.", nameof(position));
        }

        var body = new byte[2 + (position.At is null ? 0 : sizeof(long)) + (position.Id is null ? 0 : 1 + id.Length)];
        body[0] = Version;
        body[1] = (byte)((position.At is null ? 0 : HasTime) | (position.Id is null ? 0 : HasId));
        var at = 2;
        if (position.At is { } time)
        {
            BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(at), time.ToUnixTimeTicks());
            at += sizeof(long);
        }

        if (position.Id is not null)
        {
            body[at] = (byte)id.Length;
            id.CopyTo(body.AsSpan(at + 1));
        }

        var mac = await _signer.SignAsync([.. scope.Encode(), .. body], ct);
        return Base64Url.Encode([.. body, .. mac]);
    }

    /// <summary>The position <paramref name="cursor"/> holds, or null unless this issued it for <paramref name="scope"/>.</summary>
    public async Task<PagePosition?> ReadAsync(PageScope scope, string cursor, CancellationToken ct)
    {
        if (cursor.Length > MaxLength || cursor.Length % 4 == 1)
        {
            return null;
        }

        var bytes = new byte[cursor.Length * 3 / 4];
        if (bytes.Length < 2 + MacBytes || !Base64Url.TryDecode(cursor, bytes) || bytes[0] != Version)
        {
            return null;
        }

        var body = bytes[..^MacBytes];
        if (!await _signer.VerifyAsync([.. scope.Encode(), .. body], bytes.AsMemory(bytes.Length - MacBytes), ct))
        {
            return null;
        }

        return Parse(body);
    }

    // Only what IssueAsync wrote gets here (the MAC held); still read strictly.
    private static PagePosition? Parse(byte[] body)
    {
        var flags = body[1];
        var at = 2;
        Instant? time = null;
        if ((flags & HasTime) != 0)
        {
            if (body.Length < at + sizeof(long))
            {
                return null;
            }

            time = Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(at)));
            at += sizeof(long);
        }

        string? id = null;
        if ((flags & HasId) != 0)
        {
            if (body.Length < at + 1 || body.Length != at + 1 + body[at])
            {
                return null;
            }

            id = Encoding.UTF8.GetString(body, at + 1, body[at]);
            at = body.Length;
        }

        return at == body.Length && (flags & ~(HasTime | HasId)) == 0 ? new PagePosition(time, id) : null;
    }
}
