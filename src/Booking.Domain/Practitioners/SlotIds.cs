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

    public string DayToken(LocalDate date) =>
        Token($"day|{date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}", DayTokenBytes);

    public string For(LocalDate date, SlotTime slot) =>
        string.Join(Separator, practitionerId, DayToken(date), SlotToken(slot));

    public string SlotToken(SlotTime slot) =>
        Token($"slot|{slot.Start.ToUnixTimeTicks()}|{slot.End.ToUnixTimeTicks()}", SlotTokenBytes);

    private string Token(string text, int bytes)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text), mac);
        return Base64Url.Encode(mac[..bytes]);
    }
}
