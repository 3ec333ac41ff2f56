using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.ServiceBus;

public static class ReceivedMessages
{
    /// <summary>A received Service Bus message as the handlers take it: id, body text, properties as text.</summary>
    public static BusMessage ToBusMessage(this ServiceBusReceivedMessage message) =>
        new(message.MessageId, message.Body.ToString(), message.ApplicationProperties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty));
}
