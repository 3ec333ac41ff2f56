namespace Booking.Infrastructure.Embedded;

/// <summary>A message as <c>/dev/bus</c> shows it; <see cref="DeadLetterReason"/> is set for dead letters.</summary>
public sealed record RecordedMessage(
    string MessageId, string Body, IReadOnlyDictionary<string, string> ApplicationProperties, DateTimeOffset EnqueuedAt, string? Subscription, string? DeadLetterReason);
