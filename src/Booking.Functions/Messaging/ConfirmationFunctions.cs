using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>
/// The two patient-facing subscriptions of <c>appointment-events</c>: one per channel, each idempotent by event id.
/// A message that is not an event is refused and settled at once (recorded for operators); a failure to send fails
/// the delivery, so it is retried and, past the maximum delivery count, dead-lettered for the redrive.
/// </summary>
public sealed class ConfirmationFunctions(EventConsumer consumer, NotifyAppointmentEvent notify)
{
    public const string Connection = "ServiceBusConnection";

    [Function("SendEmailConfirmations")]
    public Task SendEmail(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:EmailConfirmationsSubscription%", Connection = Connection)] string message,
        string messageId,
        CancellationToken ct) =>
        consumer.HandleAsync("SendEmailConfirmations", messageId, message, (e, t) => notify.HandleAsync(e, NotificationChannel.Email, t), ct);

    [Function("SendSmsConfirmations")]
    public Task SendSms(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:SmsConfirmationsSubscription%", Connection = Connection)] string message,
        string messageId,
        CancellationToken ct) =>
        consumer.HandleAsync("SendSmsConfirmations", messageId, message, (e, t) => notify.HandleAsync(e, NotificationChannel.Sms, t), ct);
}
