using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Filters;
using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

internal sealed class SubscriptionEntity
{
    private readonly List<SqlFilter> filters;

    public SubscriptionEntity(string topicName, SubscriptionDefinition definition)
    {
        var path = $"{topicName}/Subscriptions/{definition.Name}";
        DeadLetters = new MessageQueue($"{path}/{MessageQueue.DeadLetterQueueSuffix}", new EntitySettings(), null);
        Messages = new MessageQueue(path, definition.Settings, DeadLetters);
        filters = definition.Rules.Select(rule => SqlFilter.Parse(rule.SqlExpression)).ToList();
    }

    public MessageQueue Messages { get; }

    public MessageQueue DeadLetters { get; }

    /// <summary>No rule is the $Default true filter; otherwise any matching rule lets the message in.</summary>
    public bool Accepts(BrokeredMessage message) => filters.Count == 0 || filters.Any(filter => filter.Matches(message));
}
