using System.Globalization;
using System.Text;
using Booking.Application.Paging;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// The search order as one ASCII sort key: the earliest free start (Unix seconds, 12 digits; none sorts last), then the
/// display name (its first <see cref="NameBytes"/> UTF-8 bytes in hex, so byte order is kept and the key stays ASCII),
/// then the practitioner id. Space separates the parts and sorts below every hex digit, so a name that is a prefix
/// of another sorts first. Names alike in their first bytes are ordered by id. A page cursor holds the earliest start
/// as its time and the rest as its id: a public name's first bytes and a public id, nothing of who asked.
/// </summary>
public static class SummaryOrder
{
    public const int NameBytes = 16;
    private const string NoSlot = "999999999999";

    public static string Key(Instant? earliest, string displayName, string practitionerId) => Time(earliest) + " " + Tail(displayName, practitionerId);

    public static PagePosition Position(AvailabilitySummary summary) =>
        new(summary.Earliest, Tail(summary.Practitioner.DisplayName, summary.Practitioner.PractitionerId));

    /// <summary>The sort key a cursor's position continues after; null when it is not one of ours.</summary>
    public static string? After(PagePosition position) => position.Id is null ? null : Time(position.At) + " " + position.Id;

    private static string Time(Instant? at) => at is { } t ? t.ToUnixTimeSeconds().ToString("D12", CultureInfo.InvariantCulture) : NoSlot;

    private static string Tail(string displayName, string practitionerId)
    {
        var name = Encoding.UTF8.GetBytes(displayName);
        return Convert.ToHexString(name, 0, Math.Min(name.Length, NameBytes)) + " " + practitionerId;
    }
}
