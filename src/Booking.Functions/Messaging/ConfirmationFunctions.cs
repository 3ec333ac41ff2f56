using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>
/// The two patient-facing subscriptions of <c>appointment-events</c>: one per channel, each idempotent by event id.
/// A message that is not an event is dead-lettered at once with that reason; a failure to send is retried
/// and, past the maximum delivery count, dead-lettered with the count as reason.
/// </summary>
public sealed class ConfirmationFunctions(NotifyAppointmentEvent notify)
{
    public const string Connection = "ServiceBusConnection";

    [Function("SendEmailConfirmations")]
    public Task SendEmail(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:EmailConfirmationsSubscription%", Connection = Connection)] string message,
        CancellationToken ct) => notify.HandleAsync(EventMessage.ParseOrPoison(message), NotificationChannel.Email, ct);

    [Function("SendSmsConfirmations")]
    public Task SendSms(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:SmsConfirmationsSubscription%", Connection = Connection)] string message,
        CancellationToken ct) => notify.HandleAsync(EventMessage.ParseOrPoison(message), NotificationChannel.Sms, ct);
}
