using Booking.ServiceBusStandIn.Filters;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Booking.ServiceBusStandIn.Messages;

/// <summary>
/// A message as the stand-in keeps it: the sender's sections, copied out of the transfer buffers, and the broker's
/// own state (sequence number, enqueued time, expiry, delivery count). One instance per entity it sits in.
/// </summary>
internal sealed class BrokeredMessage : IFilterableMessage
{
    private BrokeredMessage(MessageContent content) => Content = content;

    public MessageContent Content { get; private set; }

    public long SequenceNumber { get; set; }

    public DateTime EnqueuedTimeUtc { get; set; }

    /// <summary>When the message expires; DateTime.MaxValue for never.</summary>
    public DateTime ExpiresAtUtc { get; set; } = DateTime.MaxValue;

    /// <summary>Deliveries that ended without settlement (abandoned, lock lost): the header's delivery-count.</summary>
    public int DeliveryCount { get; set; }

    public DateTime? ScheduledEnqueueTimeUtc => Content.ScheduledEnqueueTimeUtc;

    /// <summary>Active, deferred or scheduled, annotated as x-opt-message-state (the SDK's State).</summary>
    public MessageState State { get; set; }

    public string? MessageId => Content.Properties?.MessageId?.ToString();

    public static BrokeredMessage From(AmqpMessage message) => new(MessageContent.CopyOf(message));

    public static BrokeredMessage From(MessageContent content) => new(content);

    /// <summary>A copy for another entity (a subscription, the dead-letter queue), with its own application properties.</summary>
    public BrokeredMessage Copy() => new(Content.Copy())
    {
        SequenceNumber = SequenceNumber,
        EnqueuedTimeUtc = EnqueuedTimeUtc,
        ExpiresAtUtc = ExpiresAtUtc,
        DeliveryCount = DeliveryCount,
        State = State,
    };

    public void SetApplicationProperty(string name, object? value) => Content.SetApplicationProperty(name, value);

    /// <summary>The message as a receiver gets it: the sender's sections plus the broker's annotations.</summary>
    public AmqpMessage ToDelivery(DateTime? lockedUntilUtc, bool peeked)
    {
        var message = Content.ToAmqpMessage();
        message.Header.DeliveryCount = (uint)DeliveryCount;
        // The effective time-to-live (the entity's may be shorter than the sender's). The SDK reads TimeToLive as
        // absolute-expiry-time minus creation-time when both are set, and ExpiresAt as absolute-expiry-time: both
        // are set from the broker's clock so that ExpiresAt = EnqueuedTime + TimeToLive, as Service Bus documents.
        if (ExpiresAtUtc != DateTime.MaxValue && EnqueuedTimeUtc != default)
        {
            var ttl = ExpiresAtUtc - EnqueuedTimeUtc;
            if (ttl.TotalMilliseconds is > 0 and < uint.MaxValue)
            {
                message.Header.Ttl = (uint)ttl.TotalMilliseconds;
                message.Properties.CreationTime = EnqueuedTimeUtc;
                message.Properties.AbsoluteExpiryTime = ExpiresAtUtc;
            }
        }

        var annotations = message.MessageAnnotations.Map;
        annotations[new MapKey(AnnotationNames.SequenceNumber)] = SequenceNumber;
        annotations[new MapKey(AnnotationNames.EnqueuedTime)] = EnqueuedTimeUtc;
        annotations[new MapKey(AnnotationNames.MessageState)] = (int)State;
        if (lockedUntilUtc is { } lockedUntil && !peeked)
        {
            annotations[new MapKey(AnnotationNames.LockedUntil)] = lockedUntil;
        }

        return message;
    }

    public bool TryGetApplicationProperty(string name, out object? value) => Content.TryGetApplicationProperty(name, out value);

    public object? GetSystemProperty(string name) => Content.GetSystemProperty(name);
}
