using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Partners;

/// <summary>How many calls a partner made in one clock minute: a counter shared by every instance through the store.</summary>
public sealed record PartnerRateWindow(long MinuteStart, int Count)
{
    public static DocumentKey Key(string partnerId, Instant now) => new("partner:" + partnerId, $"rate-{Minute(now)}");

    public static long Minute(Instant now) => now.ToUnixTimeSeconds() / 60;
}
