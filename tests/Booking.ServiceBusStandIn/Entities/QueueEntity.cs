using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Messages;

namespace Booking.ServiceBusStandIn.Entities;

internal sealed class QueueEntity : SendableEntity
{
    public QueueEntity(QueueDefinition definition)
        : base(definition.Name, definition.DuplicateDetection)
    {
        DeadLetters = new MessageQueue($"{definition.Name}/{MessageQueue.DeadLetterQueueSuffix}", new EntitySettings(), null);
        Messages = new MessageQueue(definition.Name, definition.Settings, DeadLetters);
    }

    public MessageQueue Messages { get; }

    public MessageQueue DeadLetters { get; }

    public override IEnumerable<MessageQueue> Queues => [Messages, DeadLetters];

    protected override void Route(BrokeredMessage message) =>
        Messages.Enqueue(message, Messages.Settings.DefaultMessageTimeToLive);
}
