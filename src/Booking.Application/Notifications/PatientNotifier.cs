using Booking.Application.Common;
using Booking.Application.ManageLinks;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Notifications;

/// <summary>What became of one notification on one channel.</summary>
public enum NotifyOutcome
{
    Sent,
    AlreadySent,
    NoConsent,
    Erased,
    UnknownAppointment,
}

/// <summary>What a notification's text may be made of: no personal data of the patient, no reason, no specialty.</summary>
public sealed record NotificationFacts(ZonedDateTime Start, string PractitionerName, string ManageLink);

/// <summary>
/// Sends one notification about one appointment on one channel, once. The delivery is claimed first
/// (create-if-absent under <c>deliveryId</c>), so a repeat or a race sends nothing. When sending fails, the claim
/// is released (or, with a provider that deduplicates by delivery id, simply taken over by the retry); a claim
/// left by a crash expires after a lease and is sent again. The contact details are opened through the door (logged) just
/// before sending and exist only between the door and the sender.
/// </summary>
public sealed class PatientNotifier(
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<DeliveryRecord> deliveries,
    PersonalDataDoor door,
    ManageLinkTokens manageLinks,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    IOptions<Retention.RetentionOptions> retention,
    TimeProvider time)
{
    public static readonly Caller Notifier = new("notifications", Role.Operator);

    public async Task<NotifyOutcome> NotifyAsync(
        Appointment appointment,
        string deliveryId,
        NotificationChannel channel,
        Func<NotificationFacts, NotificationText> compose,
        CancellationToken ct)
    {
        if (!(channel == NotificationChannel.Email ? appointment.Consent.Email : appointment.Consent.Sms))
        {
            return NotifyOutcome.NoConsent;
        }

        if (appointment.Patient is null)
        {
            return NotifyOutcome.Erased;
        }

        var sender = senders.Single(s => s.Channel == channel);
        var key = DeliveryRecord.Key(appointment.PatientId, deliveryId, channel);
        var claim = await ClaimAsync(key, deliveryId, appointment.Id, channel, sender.DeduplicatesByDeliveryId, ct);
        if (claim is null)
        {
            return NotifyOutcome.AlreadySent;
        }

        NotificationText text;
        try
        {
            var view = await door.OpenAsync(Notifier, AccessPurpose.Notification, appointment, ct);
            if (view.Patient is null)
            {
                return NotifyOutcome.Erased;
            }

            var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(appointment.PractitionerId), ct);
            var placement = appointment.Placement;
            var token = await manageLinks.IssueAsync(appointment, ct);
            text = compose(new NotificationFacts(
                placement.Time.Start.InZone(DateTimeZoneProviders.Tzdb[placement.TimeZone]),
                practitioner?.Value.Profile.DisplayName ?? "your practitioner",
                options.Value.ManageLinkTemplate.Replace("{token}", token, StringComparison.Ordinal)));
            var to = channel == NotificationChannel.Email ? view.Patient.Email : view.Patient.Phone;
            await sender.SendAsync(new OutgoingNotification(channel, text.Kind, to, text.Subject, text.Body, appointment.Id, key.Id), ct);
        }
        catch (Exception) when (!sender.DeduplicatesByDeliveryId)
        {
            // Not sent, or not known to be: free the claim so a retry can send at once rather than wait out the lease
            // (by which time the bus has dead-lettered the message). Worst case, a patient hears twice.
            await ReleaseAsync(key, ct);
            throw;
        }

        await deliveries.TryReplaceAsync(key, claim.Value with { Kind = text.Kind, SentAt = time.GetCurrentInstant() }, claim.ETag, Expiry(claim.Value), ct);
        return NotifyOutcome.Sent;
    }

    /// <summary>
    /// The claim to send, or null when this delivery was already made. A claim still pending is taken over when the
    /// provider deduplicates (sending again is harmless), else only once its lease has run out.
    /// </summary>
    /// <exception cref="DeliveryInProgressException">Another sender holds a live claim on it.</exception>
    private async Task<Versioned<DeliveryRecord>?> ClaimAsync(
        DocumentKey key, string deliveryId, string appointmentId, NotificationChannel channel, bool repeatIsHarmless, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var fresh = new DeliveryRecord(deliveryId, appointmentId, channel, "pending", now, null);
        if (await deliveries.TryCreateAsync(key, fresh, Expiry(fresh), ct) is { } etag)
        {
            return new Versioned<DeliveryRecord>(key, fresh, etag);
        }

        var existing = await deliveries.ReadAsync(key, ct) ?? throw new DeliveryInProgressException();
        if (existing.Value.SentAt is not null)
        {
            return null;
        }

        if (!repeatIsHarmless && existing.Value.ClaimedAt + Duration.FromTimeSpan(options.Value.ClaimLease) > now)
        {
            throw new DeliveryInProgressException();
        }

        var renewed = existing.Value with { ClaimedAt = now };
        return await deliveries.TryReplaceAsync(key, renewed, existing.ETag, Expiry(existing.Value), ct) is { } renewedEtag
            ? new Versioned<DeliveryRecord>(key, renewed, renewedEtag)
            : throw new DeliveryInProgressException();
    }

    private async Task ReleaseAsync(DocumentKey key, CancellationToken ct)
    {
        try
        {
            await deliveries.DeleteAsync(key, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease frees it later.
        }
    }

    /// <summary>Delivery records are kept for the retention of delivery logs, counted from the first claim.</summary>
    private Instant Expiry(DeliveryRecord record) => record.ClaimedAt + Duration.FromDays(retention.Value.DeliveryLogDays);
}

/// <summary>Another delivery of the same notification is under way: retry later rather than notify twice.</summary>
public sealed class DeliveryInProgressException() : Exception("Another delivery of this notification is in progress.");
