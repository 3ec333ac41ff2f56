using Booking.Application.Messaging;
using Booking.Application.Partners;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>The <c>partner-notifications</c> subscription: events of partner-made appointments go to that partner's webhook.</summary>
public sealed class PartnerWebhooksFunction(NotifyPartnerWebhook notify)
{
    [Function("NotifyPartnerWebhooks")]
    public Task Run(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:PartnerNotificationsSubscription%", Connection = ConfirmationFunctions.Connection)] string message,
        CancellationToken ct) =>
        notify.HandleAsync(EventMessage.ParseOrPoison(message), ct);
}
