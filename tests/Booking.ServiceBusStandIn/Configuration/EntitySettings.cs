namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>
/// What a queue or subscription does with its messages. The defaults are Service Bus's own for an entity created
/// without properties: a one-minute lock, ten deliveries, no expiry, no dead-lettering on expiry.
/// </summary>
public sealed record EntitySettings
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries allowed before the message is dead-lettered with reason MaxDeliveryCountExceeded.</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>How long a message stays available; a message's own shorter time-to-live wins.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.MaxValue;

    /// <summary>Expired messages go to the dead-letter queue (reason TTLExpiredException) instead of being dropped.</summary>
    public bool DeadLetteringOnMessageExpiration { get; init; }
}
