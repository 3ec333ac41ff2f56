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
/// while the host was down is caught up by the next one, and so is a bucket a run could not read (the run goes on with the
/// later hours). Each send is claimed per appointment and channel with
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
            IReadOnlyList<Versioned<ReminderDue>> entries;
            try
            {
                entries = await index.ReadPartitionAsync(ReminderDue.Bucket(hour), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One hour's bucket that cannot be read now must not hold back the later hours: the next run retries it.
                LogBucketDeferred(ReminderDue.Bucket(hour), e.GetType().FullName ?? "unknown");
                summary = summary with { Deferred = summary.Deferred + 1 };
                continue;
            }

            foreach (var entry in entries.Where(e => e.Value.DueAt <= now))
            {
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
        // Each channel on its own: an SMS provider that is down must not hold back the email. The appointment is read
        // again for each channel, so one cancelled (or moved) while the email went gets no SMS after it.
        var sent = 0;
        var deferred = 0;
        foreach (var channel in Channels)
        {
            try
            {
                var (settled, appointment) = await StillDueAsync(entry, now, ct);
                if (!settled)
                {
                    deferred++;
                    break;
                }

                if (appointment is null)
                {
                    return summary with { Sent = summary.Sent + sent, Skipped = summary.Skipped + (sent == 0 ? 1 : 0) };
                }

                var outcome = await notifier.NotifyAsync(
                    appointment, entry.Value.DeliveryId, channel, facts => NotificationTexts.Reminder(facts, options.Value.IncludePractitionerName), ct);
                sent += outcome == NotifyOutcome.Sent ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A live claim of another run, a store or a sender fault: the entry stays and the next run retries.
                LogDeferred(entry.Value.AppointmentId, e.GetType().FullName ?? "unknown");
                deferred++;
            }
        }

        if (deferred == 0)
        {
            deferred += await TryDropAsync(entry, ct) ? 0 : 1;
        }

        return summary with
        {
            Sent = summary.Sent + sent,
            Deferred = summary.Deferred + deferred,
            Skipped = summary.Skipped + (sent + deferred == 0 ? 1 : 0),
        };
    }

    /// <summary>
    /// The appointment when it is still to be reminded for this entry: confirmed, at the entry's start, not begun; null
    /// (and the entry dropped) when it never will be. Not settled while the appointment is pending: a booking between
    /// filing its reminder and the write that confirms it keeps its entry for the next run.
    /// </summary>
    private async Task<(bool Settled, Appointment? Appointment)> StillDueAsync(Versioned<ReminderDue> entry, Instant now, CancellationToken ct)
    {
        var due = entry.Value;
        var stored = due.Start <= now ? null : await appointments.ReadAsync(AppointmentKeys.Appointment(due.AppointmentId), ct);
        var atThisStart = stored is not null && stored.Value.Placement.Time.Start == due.Start;
        if (atThisStart && stored!.Value.Status == AppointmentStatus.Pending)
        {
            return (false, null);
        }

        if (!atThisStart || stored!.Value.Status != AppointmentStatus.Confirmed)
        {
            await index.DeleteAsync(entry.Key, ct);
            return (true, null);
        }

        return (true, stored.Value);
    }

    /// <summary>Deletes a settled entry; one that fails stays, and the next run finds its channels already sent.</summary>
    private async Task<bool> TryDropAsync(Versioned<ReminderDue> entry, CancellationToken ct)
    {
        try
        {
            await index.DeleteAsync(entry.Key, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(entry.Value.AppointmentId, e.GetType().FullName ?? "unknown");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Sent} sent, {Skipped} skipped, {Deferred} deferred")]
    private partial void LogRun(int sent, int skipped, int deferred);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder for appointment {AppointmentId} deferred after {ExceptionType}; the next run retries")]
    private partial void LogDeferred(string appointmentId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder bucket {Bucket} could not be read ({ExceptionType}); the next run retries it")]
    private partial void LogBucketDeferred(string bucket, string exceptionType);
}
