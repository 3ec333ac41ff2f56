using Booking.ServiceBusStandIn.Entities;
using Booking.ServiceBusStandIn.Messages;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;

namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>
/// How the SDK settles: complete = Accepted; abandon = Modified (its annotations are properties to modify);
/// defer = Modified with undeliverable-here; dead-letter = Rejected with error com.microsoft:dead-letter, whose
/// info carries DeadLetterReason, DeadLetterErrorDescription and properties to modify.
/// </summary>
internal static class Outcomes
{
    public const string LockLostCondition = "com.microsoft:message-lock-lost";

    public static Rejected LockLost { get; } = new()
    {
        Error = new Error
        {
            Condition = LockLostCondition,
            Description = "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.",
        },
    };

    public static DeliveryState? FinalOutcome(DeliveryState? state) => state is TransactionalState transactional ? transactional.Outcome : state;

    /// <summary>
    /// The outcome the stand-in answers a successful settlement with: the receiver's own, except that a
    /// dead-lettering Rejected is answered Accepted (the SDK reads a Rejected answer as a failure).
    /// </summary>
    public static DeliveryState Reply(DeliveryState? state) => FinalOutcome(state) switch
    {
        Rejected => AmqpConstants.AcceptedOutcome,
        Outcome outcome => outcome,
        _ => AmqpConstants.AcceptedOutcome,
    };

    public static Settlement? ToSettlement(DeliveryState? state) => FinalOutcome(state) switch
    {
        Accepted => new Settlement(SettlementKind.Complete, Empty),
        Released => new Settlement(SettlementKind.Release, Empty),
        Modified modified => new Settlement(
            modified.UndeliverableHere == true ? SettlementKind.Defer : SettlementKind.Abandon,
            ToDictionary(modified.MessageAnnotations)),
        Rejected rejected => DeadLetter(rejected.Error?.Info),
        _ => null,
    };

    private static Settlement DeadLetter(Fields? info)
    {
        var properties = ToDictionary(info);
        properties.Remove(AnnotationNames.DeadLetterReason, out var reason);
        properties.Remove(AnnotationNames.DeadLetterErrorDescription, out var description);
        return new Settlement(SettlementKind.DeadLetter, properties, reason as string, description as string);
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static Dictionary<string, object?> ToDictionary(IEnumerable<KeyValuePair<Microsoft.Azure.Amqp.Encoding.MapKey, object>>? fields)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in fields ?? [])
        {
            properties[pair.Key.Key.ToString()!] = pair.Value;
        }

        return properties;
    }
}
