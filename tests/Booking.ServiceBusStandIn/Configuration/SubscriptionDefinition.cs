namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>
/// A subscription and its rules. No rule means the $Default rule (a true filter): every message. With rules, a
/// message is copied to the subscription when any rule's SQL filter matches it.
/// </summary>
public sealed record SubscriptionDefinition(string Name, EntitySettings Settings, IReadOnlyList<RuleDefinition> Rules);
