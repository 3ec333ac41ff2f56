namespace Booking.ServiceBusStandIn.Messages;

/// <summary>The message annotations and application properties Service Bus adds, by the names the SDK reads.</summary>
internal static class AnnotationNames
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string DeadLetterSource = "x-opt-deadletter-source";
    public const string MessageState = "x-opt-message-state";

    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";

    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string TtlExpired = "TTLExpiredException";
}
