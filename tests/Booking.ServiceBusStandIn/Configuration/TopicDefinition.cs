namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>A topic; its default time-to-live caps its subscriptions' (as in Service Bus).</summary>
public sealed record TopicDefinition(
    string Name,
    TimeSpan DefaultMessageTimeToLive,
    DuplicateDetection DuplicateDetection,
    IReadOnlyList<SubscriptionDefinition> Subscriptions);
