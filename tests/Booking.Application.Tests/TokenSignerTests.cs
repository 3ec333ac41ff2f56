using System.Buffers.Binary;
using Booking.Application.ManageLinks;
using Booking.Application.Paging;
using Booking.Application.Privacy;
using Booking.Application.Waitlist;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Patients;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>
/// The MAC under every stateless token, and the kinds of token it signs (manage links, waitlist offers, page cursors):
/// each reader takes only tokens signed for its own kind, even one whose bytes it would parse.
/// </summary>
public sealed class TokenSignerTests
{
    private const string ManageLink = "manage-link", Offer = "waitlist-offer", Cursor = "page-cursor";
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 1, 8, 0);
    private static readonly PageScope Scope = new("search", "city:paris", "", "", "7");
    private readonly Infrastructure.KeyVault.LocalKeyRing _keyRing = new();
    private readonly ManageLinkTokens _manageLinks;
    private readonly OfferTokens _offers;
    private readonly PageCursors _cursors;

    public TokenSignerTests()
    {
        _manageLinks = new ManageLinkTokens(_keyRing, Options.Create(new ManageLinkOptions { ValidHoursAfterEnd = 24 }), new FakeTimeProvider(Now.ToDateTimeOffset()));
        _offers = new OfferTokens(_keyRing);
        _cursors = new PageCursors(_keyRing);
    }

    [Fact]
    public async Task VerifiesItsOwnMacAndRefusesAnAlteredMessageOrMac()
    {
        var signer = new TokenSigner(_keyRing, "test v1");
        byte[] message = [1, 2, 3];
        var mac = await signer.SignAsync(message, default);

        Assert.Equal(TokenSigner.MacBytes, mac.Length);
        Assert.True(await signer.VerifyAsync(message, mac, default));
        Assert.False(await signer.VerifyAsync([1, 2, 4], mac, default));
        Assert.False(await signer.VerifyAsync(message, mac.AsMemory(0, mac.Length - 1), default));
        mac[0] ^= 1;
        Assert.False(await signer.VerifyAsync(message, mac, default));
    }

    [Theory]
    [InlineData(ManageLink, Offer)]
    [InlineData(ManageLink, Cursor)]
    [InlineData(Offer, ManageLink)]
    [InlineData(Offer, Cursor)]
    [InlineData(Cursor, ManageLink)]
    [InlineData(Cursor, Offer)]
    public async Task ATokenOfOneKindIsRefusedAsAnother(string issuedAs, string readAs)
    {
        var token = await IssueAsync(issuedAs);
        Assert.True(await ReadsAsync(issuedAs, token));

        Assert.False(await ReadsAsync(readAs, token));
    }

    // Tokens whose bytes the other kind parses (same length, version byte, a layout it accepts), so its MAC is all that
    // tells them apart: signed for the reader's kind, the very same bytes are taken.
    [Theory]
    [InlineData(ManageLink, Cursor)]
    [InlineData(Offer, Cursor)]
    [InlineData(Cursor, ManageLink)]
    [InlineData(Cursor, Offer)]
    public async Task ATokenOfOneKindShapedAsAnotherIsRefusedAsItUnlessSignedForIt(string issuedAs, string readAs)
    {
        var token = await IssueShapedForAsync(issuedAs, readAs);

        Assert.False(await ReadsAsync(readAs, token));
        Assert.True(await ReadsAsync(readAs, await SignedForAsync(readAs, token)));
    }

    private async Task<bool> ReadsAsync(string kind, string token) => kind switch
    {
        ManageLink => await _manageLinks.ReadAsync(token, default) is not null,
        Offer => await _offers.ReadAsync(token, default) is not null,
        Cursor => await _cursors.ReadAsync(Scope, token, default) is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private Task<string> IssueAsync(string kind) => kind switch
    {
        ManageLink => _manageLinks.IssueAsync(AppointmentWithId(OpaqueId.New()), default),
        Offer => _offers.IssueAsync(new OfferReference(OpaqueId.New(), OpaqueId.New(), OpaqueId.New()), default),
        Cursor => _cursors.IssueAsync(Scope, new PagePosition(Now, OpaqueId.New()), default),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A cursor body is [version, flags, time (8), id length, id]: with both flags (3) and an id of the rest's length,
    // any token of the right length and version parses as a cursor. Manage link: [1, appointment id (16), expiry (8)].
    // Offer: [1, practitioner, entry, offer ids (16 each)]. After those, the MAC (16).
    private Task<string> IssueShapedForAsync(string kind, string shapedFor) => (kind, shapedFor) switch
    {
        (ManageLink, Cursor) => _manageLinks.IssueAsync(AppointmentWithId(CursorHead(idLength: 14, 16)), default),
        (Offer, Cursor) => _offers.IssueAsync(new OfferReference(CursorHead(idLength: 38, 16), OpaqueId.New(), OpaqueId.New()), default),
        // 41 bytes, a manage link's length; the id's last 8 bytes are its expiry (2035), after now.
        (Cursor, ManageLink) => _cursors.IssueAsync(Scope, new PagePosition(Now, "abcdef\0\0\0\0zzzz"), default),
        (Cursor, Offer) => _cursors.IssueAsync(Scope, new PagePosition(Now, new string('x', 38)), default), // 65 bytes, an offer's
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // The first bytes of an id that make a token starting with it, after the version byte, parse as a cursor.
    private static string CursorHead(int idLength, int bytes)
    {
        var id = new byte[bytes];
        id[0] = 3;
        BinaryPrimitives.WriteInt64BigEndian(id.AsSpan(1), Now.ToUnixTimeTicks());
        id[9] = (byte)idLength;
        "abcdef"u8.CopyTo(id.AsSpan(10));
        return Base64Url.Encode(id);
    }

    // The token's bytes with the MAC that a token of <kind> has over them, under that kind's own label.
    private async Task<string> SignedForAsync(string kind, string token)
    {
        var bytes = new byte[token.Length * 3 / 4];
        Assert.True(Base64Url.TryDecode(token, bytes));
        var body = bytes[..^TokenSigner.MacBytes];
        var mac = await new TokenSigner(_keyRing, $"booking {kind} v1").SignAsync(kind == Cursor ? [.. Scope.Encode(), .. body] : body, default);
        return Base64Url.Encode([.. body, .. mac]);
    }

    private static Appointment AppointmentWithId(string id)
    {
        var start = Now + Duration.FromDays(2);
        var placement = new SlotPlacement("slot", new LocalDate(2026, 10, 3), new SlotTime(start, start + Duration.FromMinutes(30)), "Europe/Paris");
        var patient = new SealedPatient("bk1.v1.a", "bk1.v1.b", "bk1.v1.c", "bk1.v1.d", "bk1.v1.e");
        return Appointment.Draft(id, "practitioner-1", "patient-1", placement, patient, null, Consent.None, Now);
    }
}
