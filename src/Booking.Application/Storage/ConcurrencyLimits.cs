namespace Booking.Application.Storage;

public static class ConcurrencyLimits
{
    /// <summary>How often a use case re-reads and retries a write that lost an ETag race before giving up.</summary>
    public const int MaxAttempts = 20;
}
