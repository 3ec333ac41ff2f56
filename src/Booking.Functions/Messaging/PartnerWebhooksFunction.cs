using Booking.Application.Messaging;
using Booking.Application.Partners;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>The <c>partner-notifications</c> subscription: events of partner-made appointments go to that partner's webhook.</summary>
public sealed class PartnerWebhooksFunction(EventConsumer consumer, NotifyPartnerWebhook notify)
{
    [Function("NotifyPartnerWebhooks")]
    public Task Run(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:PartnerNotificationsSubscription%", Connection = ConfirmationFunctions.Connection)] string message,
        string messageId,
        CancellationToken ct) =>
        consumer.HandleAsync("NotifyPartnerWebhooks", messageId, message, notify.HandleAsync, ct);
}
