using Booking.Application.Notifications;
using Booking.Application.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Application.Messaging;

/// <summary>
/// Gives the event messages the broker gave up on another delivery, through the same handlers as their
/// subscriptions: a confirmation or a partner notification is then late instead of lost, and a search summary that a
/// refresh failed to bring up to date (a store outage outlasting the deliveries) is refreshed from the state then. Every handler is
/// idempotent per event (a delivery record, a webhook attempt), so a message that was in fact handled before it
/// was dead-lettered sends nothing twice. Partner booking requests are not redriven but purged once older than
/// <see cref="PartnerRequestDeadLetterLifetime"/>: their bodies carry the patient's details in clear (sealed only once
/// handled), and one that failed every delivery (a crash loop) is for an operator to look at briefly, not to keep.
/// </summary>
public sealed partial class RedriveDeadLetters(
    IDeadLetterQueue deadLetters,
    NotifyAppointmentEvent notify,
    NotifyPartnerWebhook partners,
    Search.RefreshSummaryOnAppointmentEvent summaries,
    EventConsumer consumer,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<RedriveDeadLetters> log)
{
    /// <summary>Per subscription and run: bounds the work of one run after a long outage; the next run takes the rest.</summary>
    public const int LimitPerSubscription = 500;

    /// <summary>
    /// How long a dead-lettered partner request is kept (from when it was enqueued), the request queue's default
    /// time-to-live: at most this plus the redrive schedule's interval (10 minutes) in all.
    /// </summary>
    public static readonly TimeSpan PartnerRequestDeadLetterLifetime = TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var names = options.Value;
        await RedriveAsync(names.EmailConfirmationsSubscription, (e, t) => notify.HandleAsync(e, NotificationChannel.Email, t), ct);
        await RedriveAsync(names.SmsConfirmationsSubscription, (e, t) => notify.HandleAsync(e, NotificationChannel.Sms, t), ct);
        await RedriveAsync(names.PartnerNotificationsSubscription, partners.HandleAsync, ct);
        await RedriveAsync(names.AvailabilitySummariesSubscription, async (e, t) => { await summaries.HandleAsync(e, t); return true; }, ct);
        var purged = await deadLetters.PurgeAsync(names.PartnerBookingRequestsQueue, time.GetUtcNow() - PartnerRequestDeadLetterLifetime, LimitPerSubscription, ct);
        if (purged > 0)
        {
            LogPurged(names.PartnerBookingRequestsQueue, purged);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purged {Purged} dead-lettered messages of {Queue}: they failed every delivery and carried personal data in clear")]
    private partial void LogPurged(string queue, int purged);
}
