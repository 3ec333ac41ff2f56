using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;

namespace Booking.Application.Notifications;

/// <summary>What became of one event on one channel.</summary>
public enum NotifyOutcome
{
    Sent,
    AlreadySent,
    NoConsent,
    Erased,
    UnknownAppointment,
}

/// <summary>
/// Tells the patient about one appointment event on one channel, if they consented to it. The event carries
/// ids only; the contact details are loaded and opened through the door (logged) just before sending.
/// A delivery is claimed first (create-if-absent), so a message delivered twice notifies once. When sending
/// fails, the claim is released (or, with a provider that deduplicates by delivery id, simply taken over by the
/// redelivery); a claim left by a crash expires after a lease and is sent again.
/// </summary>
public sealed class NotifyAppointmentEvent(
    IDocumentStore<Appointment> appointments,
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<DeliveryRecord> deliveries,
    PersonalDataDoor door,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    TimeProvider time)
{
    public static readonly Caller Notifier = new("notifications", Role.Operator);

    /// <summary>Handles one delivery of <paramref name="message"/>; a store that is briefly unavailable is retried here first.</summary>
    public Task<NotifyOutcome> HandleAsync(EventMessage message, NotificationChannel channel, CancellationToken ct) =>
        TransientRetry.RunAsync(token => NotifyAsync(message, channel, token), time, ct);

    private async Task<NotifyOutcome> NotifyAsync(EventMessage message, NotificationChannel channel, CancellationToken ct)
    {
        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(message.AppointmentId), ct);
        if (stored is null || !stored.Value.IsVisible)
        {
            return NotifyOutcome.UnknownAppointment;
        }

        var appointment = stored.Value;
        if (!(channel == NotificationChannel.Email ? appointment.Consent.Email : appointment.Consent.Sms))
        {
            return NotifyOutcome.NoConsent;
        }

        if (appointment.Patient is null)
        {
            return NotifyOutcome.Erased;
        }

        var sender = senders.Single(s => s.Channel == channel);
        var key = DeliveryRecord.Key(appointment.PatientId, message.EventId, channel);
        var claim = await ClaimAsync(key, message, channel, sender.DeduplicatesByDeliveryId, ct);
        if (claim is null)
        {
            return NotifyOutcome.AlreadySent;
        }

        string kind;
        try
        {
            var view = await door.OpenAsync(Notifier, AccessPurpose.Notification, appointment, ct);
            if (view.Patient is null)
            {
                return NotifyOutcome.Erased;
            }

            var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(appointment.PractitionerId), ct);
            var start = appointment.Placement;
            (kind, var subject, var body) = NotificationTexts.For(
                message.Type,
                start.Time.Start.InZone(NodaTime.DateTimeZoneProviders.Tzdb[start.TimeZone]),
                practitioner?.Value.Profile.DisplayName ?? "your practitioner",
                options.Value.ManageLinkTemplate.Replace("{appointmentId}", appointment.Id, StringComparison.Ordinal));
            var to = channel == NotificationChannel.Email ? view.Patient.Email : view.Patient.Phone;
            await sender.SendAsync(new OutgoingNotification(channel, kind, to, subject, body, appointment.Id, key.Id), ct);
        }
        catch (Exception) when (!sender.DeduplicatesByDeliveryId)
        {
            // Not sent, or not known to be: free the claim so the redelivery can try again at once rather than wait
            // out the lease (by which time the bus has dead-lettered the message). Worst case, a patient hears twice.
            await ReleaseAsync(key, ct);
            throw;
        }

        await deliveries.TryReplaceAsync(key, claim.Value with { Kind = kind, SentAt = time.GetCurrentInstant() }, claim.ETag, null, ct);
        return NotifyOutcome.Sent;
    }

    /// <summary>
    /// The claim to send, or null when this delivery was already made. A claim still pending is taken over when the
    /// provider deduplicates (sending again is harmless), else only once its lease has run out.
    /// </summary>
    private async Task<Versioned<DeliveryRecord>?> ClaimAsync(
        DocumentKey key, EventMessage message, NotificationChannel channel, bool repeatIsHarmless, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var fresh = new DeliveryRecord(message.EventId, message.AppointmentId, channel, "pending", now, null);
        if (await deliveries.TryCreateAsync(key, fresh, null, ct) is { } etag)
        {
            return new Versioned<DeliveryRecord>(key, fresh, etag);
        }

        var existing = await deliveries.ReadAsync(key, ct) ?? throw new DeliveryInProgressException();
        if (existing.Value.SentAt is not null)
        {
            return null;
        }

        if (!repeatIsHarmless && existing.Value.ClaimedAt + NodaTime.Duration.FromTimeSpan(options.Value.ClaimLease) > now)
        {
            throw new DeliveryInProgressException();
        }

        var renewed = existing.Value with { ClaimedAt = now };
        return await deliveries.TryReplaceAsync(key, renewed, existing.ETag, null, ct) is { } renewedEtag
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
}

/// <summary>Another delivery of the same event is under way: let the message be retried later rather than notify twice.</summary>
public sealed class DeliveryInProgressException() : Exception("Another delivery of this notification is in progress.");
