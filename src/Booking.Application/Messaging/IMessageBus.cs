namespace Booking.Application.Messaging;

/// <summary>Sends to a topic or queue. Adapters: Azure Service Bus (identity-based), and the local host's embedded bus.</summary>
public interface IMessageBus
{
    Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken);
}
