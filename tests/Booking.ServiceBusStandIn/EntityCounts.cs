namespace Booking.ServiceBusStandIn;

/// <summary>
/// What a queue, subscription or dead-letter queue holds: messages available to receivers, messages locked by
/// one, and deferred messages.
/// </summary>
public readonly record struct EntityCounts(int Active, int Locked, int Deferred)
{
    public int Total => Active + Locked + Deferred;
}
