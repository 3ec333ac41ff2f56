using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;

namespace Booking.Infrastructure.ServiceBus;

/// <summary>
/// Sends to Azure Service Bus with one sender per entity. The message id is the event's or request's id,
/// so the entity's duplicate detection drops a re-send; the body is JSON of ids only.
/// </summary>
public sealed class ServiceBusMessageBus(ServiceBusClient client) : IMessageBus, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken)
    {
        var outgoing = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            ContentType = "application/json",
        };
        foreach (var (name, value) in message.ApplicationProperties)
        {
            outgoing.ApplicationProperties[name] = value;
        }

        return _senders.GetOrAdd(entity, client.CreateSender).SendMessageAsync(outgoing, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }
}
