using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>A peek-locked message: its lock token is the delivery tag the receiver settles with.</summary>
internal sealed class MessageLock(Guid token, BrokeredMessage message, DateTime lockedUntilUtc, bool deferred = false)
{
    /// <summary>Received by sequence number while deferred: abandoned or lost, it is deferred again.</summary>
    public bool Deferred { get; } = deferred;

    public Guid Token { get; } = token;

    public BrokeredMessage Message { get; } = message;

    public DateTime LockedUntilUtc { get; set; } = lockedUntilUtc;
}
