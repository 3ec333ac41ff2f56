using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Booking.Domain.Common;
using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// Names slots without revealing them: a slot id is the practitioner id, a token for the local date and a
/// token for the slot's instants, both HMACs under the practitioner's own key. The same slot always gets
/// the same id; nobody without the key can forge or read one.
/// </summary>
public sealed class SlotIds(string practitionerId, byte[] key)
{
    private const char Separator = '.';
    private const int DayTokenBytes = 6;
    private const int SlotTokenBytes = 9;

    public string DayToken(LocalDate date) => Token(DayText(date), DayTokenBytes);

    /// <summary>
    /// The date whose token is <paramref name="dayToken"/>, searched from <paramref name="from"/> to <paramref name="toInclusive"/>
    /// (near dates first: most bookings are for the coming days); null when none of them has it.
    /// </summary>
    public LocalDate? DateOf(string dayToken, LocalDate from, LocalDate toInclusive)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> mac = stackalloc byte[32];
        Span<byte> wanted = stackalloc byte[DayTokenBytes];
        // Stryker disable once Block : equivalent; a token that does not decode is refused before a byte is written, and the zeroed "wanted" matches no date's HMAC: returning early only spares the search.
        if (!Base64Url.TryDecode(dayToken, wanted))
        {
            return null;
        }

        for (var date = from; date <= toInclusive; date = date.PlusDays(1))
        {
            hmac.AppendData(Encoding.UTF8.GetBytes(DayText(date)));
            hmac.GetHashAndReset(mac);
            if (mac[..DayTokenBytes].SequenceEqual(wanted))
            {
                return date;
            }
        }

        return null;
    }

    public string For(LocalDate date, SlotTime slot, string visitTypeId = VisitType.DefaultId) => Compose(practitionerId, DayToken(date), SlotToken(slot, visitTypeId));

    /// <summary>The id made of a practitioner id, a day token and a slot token.</summary>
    public static string Compose(string practitionerId, string dayToken, string slotToken) => string.Join(Separator, practitionerId, dayToken, slotToken);

    public string SlotToken(SlotTime slot, string visitTypeId = VisitType.DefaultId) => Token(SlotText(slot, visitTypeId), SlotTokenBytes);

    /// <summary>
    /// The slot token of each of <paramref name="slots"/>, under one keyed HMAC reused for all: the key setup
    /// costs more than hashing a token, so a day's tokens cost about a third of computing each alone.
    /// </summary>
    public string[] SlotTokens(IReadOnlyList<SlotTime> slots, string visitTypeId = VisitType.DefaultId)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> mac = stackalloc byte[32];
        var tokens = new string[slots.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            hmac.AppendData(Encoding.UTF8.GetBytes(SlotText(slots[i], visitTypeId)));
            hmac.GetHashAndReset(mac);
            tokens[i] = Base64Url.Encode(mac[..SlotTokenBytes]);
        }

        return tokens;
    }

    // The default type keeps the text slot ids had before visit types, so published slot ids stay valid; any
    // other type is part of the text, so one interval offered by two types has two ids, each naming its type.
    private static string SlotText(SlotTime slot, string visitTypeId) => visitTypeId == VisitType.DefaultId
        ? $"slot|{slot.Start.ToUnixTimeTicks()}|{slot.End.ToUnixTimeTicks()}"
        : $"slot|{visitTypeId}|{slot.Start.ToUnixTimeTicks()}|{slot.End.ToUnixTimeTicks()}";

    private static string DayText(LocalDate date) => $"day|{date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}";

    private string Token(string text, int bytes)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text), mac);
        return Base64Url.Encode(mac[..bytes]);
    }
}
