namespace Booking.Application.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered. The contract promises at least 24 hours.</summary>
    public int RetentionHours { get; set; } = 24;
}
