using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

/// <summary>A topic: each message is copied to every subscription whose rules accept it, and dropped if none does.</summary>
internal sealed class TopicEntity(TopicDefinition definition) : SendableEntity(definition.Name, definition.DuplicateDetection)
{
    public IReadOnlyList<SubscriptionEntity> Subscriptions { get; } =
        definition.Subscriptions.Select(subscription => new SubscriptionEntity(definition.Name, subscription)).ToList();

    public override IEnumerable<MessageQueue> Queues =>
        Subscriptions.SelectMany(subscription => new[] { subscription.Messages, subscription.DeadLetters });

    protected override void Route(BrokeredMessage message)
    {
        foreach (var subscription in Subscriptions.Where(subscription => subscription.Accepts(message)))
        {
            var ttl = subscription.Messages.Settings.DefaultMessageTimeToLive;
            subscription.Messages.Enqueue(message.Copy(), definition.DefaultMessageTimeToLive < ttl ? definition.DefaultMessageTimeToLive : ttl);
        }
    }
}
