using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>A peek-locked message: its lock token is the delivery tag the receiver settles with.</summary>
internal sealed class MessageLock(Guid token, BrokeredMessage message, DateTime lockedUntilUtc)
{
    public Guid Token { get; } = token;

    public BrokeredMessage Message { get; } = message;

    public DateTime LockedUntilUtc { get; set; } = lockedUntilUtc;
}
