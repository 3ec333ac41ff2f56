namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>The entities of the stand-in's one namespace.</summary>
public sealed record NamespaceDefinition(IReadOnlyList<QueueDefinition> Queues, IReadOnlyList<TopicDefinition> Topics)
{
    public QueueDefinition Queue(string name) =>
        Queues.Single(queue => string.Equals(queue.Name, name, StringComparison.OrdinalIgnoreCase));

    public TopicDefinition Topic(string name) =>
        Topics.Single(topic => string.Equals(topic.Name, name, StringComparison.OrdinalIgnoreCase));
}
