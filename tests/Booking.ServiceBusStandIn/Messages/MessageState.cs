namespace Booking.ServiceBusStandIn.Messages;

/// <summary>The values of x-opt-message-state.</summary>
internal enum MessageState
{
    Active = 0,
    Deferred = 1,
    Scheduled = 2,
}
