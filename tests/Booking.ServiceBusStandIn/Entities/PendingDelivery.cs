using Booking.ServiceBusStandIn.Messages;
using Microsoft.Azure.Amqp;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>
/// A message picked for a receiver under the broker's lock, sent after the lock is released: the stand-in never
/// calls into the AMQP library while holding its own lock, so library threads never wait on it.
/// </summary>
internal sealed record PendingDelivery(
    Consumer Consumer,
    BrokeredMessage Source,
    AmqpMessage Message,
    ArraySegment<byte> DeliveryTag,
    Guid? LockToken);
