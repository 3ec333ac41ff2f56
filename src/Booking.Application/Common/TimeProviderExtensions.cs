using NodaTime;

namespace Booking.Application.Common;

public static class TimeProviderExtensions
{
    public static Instant GetCurrentInstant(this TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow());
}
