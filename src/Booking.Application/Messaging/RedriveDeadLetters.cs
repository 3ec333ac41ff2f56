using Booking.Application.Notifications;
using Booking.Application.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Application.Messaging;

/// <summary>
/// Gives the event messages the broker gave up on another delivery, through the same handlers as their
/// subscriptions: a confirmation or a partner notification is then late instead of lost. Every handler is
/// idempotent per event (a delivery record, a webhook attempt), so a message that was in fact handled before it
/// was dead-lettered sends nothing twice.
/// </summary>
public sealed partial class RedriveDeadLetters(
    IDeadLetterQueue deadLetters,
    NotifyAppointmentEvent notify,
    NotifyPartnerWebhook partners,
    EventConsumer consumer,
    IOptions<MessagingOptions> options,
    ILogger<RedriveDeadLetters> log)
{
    /// <summary>Per subscription and run: bounds the work of one run after a long outage; the next run takes the rest.</summary>
    public const int LimitPerSubscription = 500;

    public async Task RunAsync(CancellationToken ct)
    {
        var names = options.Value;
        await RedriveAsync(names.EmailConfirmationsSubscription, (e, t) => notify.HandleAsync(e, NotificationChannel.Email, t), ct);
        await RedriveAsync(names.SmsConfirmationsSubscription, (e, t) => notify.HandleAsync(e, NotificationChannel.Sms, t), ct);
        await RedriveAsync(names.PartnerNotificationsSubscription, partners.HandleAsync, ct);
    }

    private async Task RedriveAsync<T>(string subscription, Func<EventMessage, CancellationToken, Task<T>> handle, CancellationToken ct)
    {
        var count = await deadLetters.RedriveAsync(
            options.Value.AppointmentEventsTopic,
            subscription,
            (message, token) => consumer.HandleAsync(nameof(RedriveDeadLetters), message.MessageId, message.Body, (e, t) => handle(e, t), token),
            LimitPerSubscription,
            ct);
        if (count.Redriven + count.FailedAgain > 0)
        {
            LogRedriven(subscription, count.Redriven, count.FailedAgain);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redrove {Redriven} dead-lettered messages of {Subscription}; {FailedAgain} failed again and stay dead-lettered")]
    private partial void LogRedriven(string subscription, int redriven, int failedAgain);
}
