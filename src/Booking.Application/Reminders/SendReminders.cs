using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Notifications;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Reminders;

/// <summary>What one reminder run did, in counts.</summary>
public sealed record ReminderRunSummary(int Sent, int Skipped, int Deferred);

/// <summary>
/// Sends one reminder per consented channel for each confirmed appointment that starts within the next 24 hours.
/// It reads only the index buckets that can hold due entries — the hours of (now − 24 h, now] — so a run missed
/// while the host was down is caught up by the next one. Each send is claimed per appointment and channel with
/// a conditional write first: an overlapping run that loses the claim sends nothing, and an entry is deleted
/// only once every channel is settled, so a crash between claiming and sending is retried after the claim's lease.
/// </summary>
public sealed partial class SendReminders(
    IDocumentStore<ReminderDue> index,
    IDocumentStore<Appointment> appointments,
    PatientNotifier notifier,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<SendReminders> logger)
{
    private static readonly NotificationChannel[] Channels = Enum.GetValues<NotificationChannel>();

    public async Task<ReminderRunSummary> RunAsync(CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var summary = new ReminderRunSummary(0, 0, 0);
        for (var hour = now - ReminderDue.Lead; hour <= now; hour += Duration.FromHours(1))
        {
            foreach (var entry in await index.ReadPartitionAsync(ReminderDue.Bucket(hour), ct))
            {
                if (entry.Value.DueAt > now)
                {
                    continue;
                }

                summary = await RemindAsync(entry, now, summary, ct);
            }
        }

        if (summary.Sent + summary.Deferred > 0)
        {
            LogRun(summary.Sent, summary.Skipped, summary.Deferred);
        }

        return summary;
    }

    private async Task<ReminderRunSummary> RemindAsync(Versioned<ReminderDue> entry, Instant now, ReminderRunSummary summary, CancellationToken ct)
    {
        var due = entry.Value;
        Versioned<Appointment>? stored;
        try
        {
            stored = await appointments.ReadAsync(AppointmentKeys.Appointment(due.AppointmentId), ct);
            if (due.Start <= now || stored is null || stored.Value.Status != AppointmentStatus.Confirmed || stored.Value.Placement.Time.Start != due.Start)
            {
                await index.DeleteAsync(entry.Key, ct);
                return summary with { Skipped = summary.Skipped + 1 };
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(due.AppointmentId, e.GetType().FullName ?? "unknown");
            return summary with { Deferred = summary.Deferred + 1 };
        }

        // Each channel on its own: an SMS provider that is down must not hold back the email.
        var sent = 0;
        var deferred = 0;
        foreach (var channel in Channels)
        {
            try
            {
                var outcome = await notifier.NotifyAsync(
                    stored.Value, due.DeliveryId, channel, facts => NotificationTexts.Reminder(facts, options.Value.IncludePractitionerName), ct);
                sent += outcome == NotifyOutcome.Sent ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A live claim of another run, a store or a sender fault: the entry stays and the next run retries.
                LogDeferred(due.AppointmentId, e.GetType().FullName ?? "unknown");
                deferred++;
            }
        }

        if (deferred == 0)
        {
            await index.DeleteAsync(entry.Key, ct);
        }

        return summary with
        {
            Sent = summary.Sent + sent,
            Deferred = summary.Deferred + deferred,
            Skipped = summary.Skipped + (sent + deferred == 0 ? 1 : 0),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Sent} sent, {Skipped} skipped, {Deferred} deferred")]
    private partial void LogRun(int sent, int skipped, int deferred);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder for appointment {AppointmentId} deferred after {ExceptionType}; the next run retries")]
    private partial void LogDeferred(string appointmentId, string exceptionType);
}
