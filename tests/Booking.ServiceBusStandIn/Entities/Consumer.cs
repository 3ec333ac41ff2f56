using Microsoft.Azure.Amqp;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>A receiver's link on a queue, subscription or dead-letter queue.</summary>
internal sealed class Consumer(SendingAmqpLink link, MessageQueue queue)
{
    public SendingAmqpLink Link { get; } = link;

    public MessageQueue Queue { get; } = queue;

    /// <summary>Receive-and-delete: the receiver asked for pre-settled deliveries.</summary>
    public bool ReceiveAndDelete => Link.Settings.SettleType == SettleMode.SettleOnSend;

    // Deliveries picked for this link and not yet handed to it (see PendingDelivery).
    private int reserved;

    public void Reserve() => Interlocked.Increment(ref reserved);

    public void Release() => Interlocked.Decrement(ref reserved);

    public bool HasCredit => Link.State == AmqpObjectState.Opened && Link.LinkCredit > Volatile.Read(ref reserved);
}
