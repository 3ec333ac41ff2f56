using Booking.Application.Common;
using Booking.Application.Notifications;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Retention;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// Tells a waitlisted patient of their offer on each channel they consented to, once per offer and channel: each
/// delivery is claimed first under <c>offer-{offerId}</c> in the patient's delivery records, as confirmations are, so a
/// repeated run sends nothing and a claim left by a crash is sent again once its lease runs out. The text has date,
/// time, the practitioner's name and the offer link: never the reason, never the specialty.
/// </summary>
public sealed class OfferNotifier(
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<DeliveryRecord> deliveries,
    PersonalDataDoor door,
    OfferTokens tokens,
    IEnumerable<INotificationSender> senders,
    IOptions<WaitlistOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    IOptions<RetentionOptions> retention,
    TimeProvider time)
{
    /// <summary>Sends what is not sent yet; true when nothing is left to send (sent, or no consented channel).</summary>
    public async Task<bool> NotifyAsync(WaitlistEntry entry, CancellationToken ct)
    {
        if (entry.Offer is not { } offer)
        {
            return true;
        }

        var channels = new List<NotificationChannel>();
        if (entry.Consent.Email)
        {
            channels.Add(NotificationChannel.Email);
        }

        if (entry.Consent.Sms)
        {
            channels.Add(NotificationChannel.Sms);
        }

        var claims = new List<(NotificationChannel Channel, Versioned<DeliveryRecord> Claim)>();
        var done = true;
        foreach (var channel in channels)
        {
            switch (await ClaimAsync(entry, offer, channel, ct))
            {
                case { } claim:
                    claims.Add((channel, claim));
                    break;
                case null when !await IsSentAsync(entry, offer, channel, ct):
                    done = false;
                    break;
            }
        }

        if (claims.Count == 0)
        {
            return done;
        }

        var (patient, _) = await door.OpenWaitlistAsync(PatientNotifier.Notifier.Principal, "operator", AccessPurpose.WaitlistOffer, entry, null, ct);
        if (patient is null)
        {
            return true;
        }

        var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(entry.PractitionerId), ct);
        var token = await tokens.IssueAsync(new OfferReference(entry.PractitionerId, entry.WaitlistId, offer.OfferId), ct);
        var text = NotificationTexts.Offer(
            new NotificationFacts(
                offer.Placement.Time.Start.InZone(DateTimeZoneProviders.Tzdb[offer.Placement.TimeZone]),
                practitioner?.Value.Profile.DisplayName ?? "your practitioner",
                options.Value.OfferLinkTemplate.Replace("{token}", token, StringComparison.Ordinal)),
            options.Value.OfferMinutes);
        foreach (var (channel, claim) in claims)
        {
            var sender = senders.Single(s => s.Channel == channel);
            var to = channel == NotificationChannel.Email ? patient.Email : patient.Phone;
            try
            {
                await sender.SendAsync(new OutgoingNotification(channel, text.Kind, to, text.Subject, text.Body, entry.WaitlistId, claim.Key.Id), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not sent, or not known to be: free the claim so the next run sends it.
                await deliveries.DeleteAsync(claim.Key, ct);
                done = false;
                continue;
            }

            await deliveries.TryReplaceAsync(claim.Key, claim.Value with { Kind = text.Kind, SentAt = time.GetCurrentInstant() }, claim.ETag, Expiry(claim.Value), ct);
        }

        return done;
    }

    private static string DeliveryId(WaitlistOffer offer) => "offer-" + offer.OfferId;

    private async Task<bool> IsSentAsync(WaitlistEntry entry, WaitlistOffer offer, NotificationChannel channel, CancellationToken ct) =>
        (await deliveries.ReadAsync(DeliveryRecord.Key(entry.PatientId, DeliveryId(offer), channel), ct))?.Value.SentAt is not null;

    // The claim to send, or null when it was sent or another run holds a live claim.
    private async Task<Versioned<DeliveryRecord>?> ClaimAsync(WaitlistEntry entry, WaitlistOffer offer, NotificationChannel channel, CancellationToken ct)
    {
        var key = DeliveryRecord.Key(entry.PatientId, DeliveryId(offer), channel);
        var now = time.GetCurrentInstant();
        var fresh = new DeliveryRecord(DeliveryId(offer), entry.WaitlistId, channel, "pending", now, null);
        if (await deliveries.TryCreateAsync(key, fresh, Expiry(fresh), ct) is { } etag)
        {
            return new Versioned<DeliveryRecord>(key, fresh, etag);
        }

        var existing = await deliveries.ReadAsync(key, ct);
        if (existing is null || existing.Value.SentAt is not null
            || existing.Value.ClaimedAt + Duration.FromTimeSpan(notificationOptions.Value.ClaimLease) > now)
        {
            return null;
        }

        var renewed = existing.Value with { ClaimedAt = now };
        return await deliveries.TryReplaceAsync(key, renewed, existing.ETag, Expiry(existing.Value), ct) is { } renewedEtag
            ? new Versioned<DeliveryRecord>(key, renewed, renewedEtag)
            : null;
    }

    private Instant Expiry(DeliveryRecord record) => record.ClaimedAt + Duration.FromDays(retention.Value.DeliveryLogDays);
}
