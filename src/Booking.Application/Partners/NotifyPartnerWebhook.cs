using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

/// <summary>
/// Sends an appointment event to the webhook of the partner that created the appointment: ids and times only,
/// signed <c>X-Booking-Signature: v1=hex(HMAC-SHA256(signingSecret, timestamp + "." + body))</c> with
/// <c>X-Booking-Timestamp</c> (Unix seconds) so a receiver can refuse replays. Tries a few times with exponential
/// backoff and jitter, each try bounded in time; every attempt is logged per partner. If all fail, the message is
/// retried later by the bus and finally dead-lettered. An event delivered once is not delivered again.
/// </summary>
public sealed class NotifyPartnerWebhook(
    IDocumentStore<Appointment> appointments,
    IDocumentStore<Partner> partners,
    IDocumentStore<WebhookAttempt> attempts,
    PartnerSecrets secrets,
    IWebhookClient client,
    Microsoft.Extensions.Options.IOptions<Retention.RetentionOptions> retention,
    TimeProvider time)
{
    public const int AttemptsPerDelivery = 4;
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    public async Task<bool> HandleAsync(EventMessage message, CancellationToken ct)
    {
        var appointment = (await appointments.ReadAsync(AppointmentKeys.Appointment(message.AppointmentId), ct))?.Value;
        if (appointment?.PartnerId is not { } partnerId)
        {
            return false;
        }

        var partner = (await partners.ReadAsync(PartnerKeys.Partner(partnerId), ct))?.Value;
        if (partner?.WebhookUrl is null || partner.Suspended
            || await attempts.ReadAsync(WebhookAttempt.DeliveredKey(partnerId, message.EventId), ct) is not null)
        {
            return false;
        }

        var body = JsonSerializer.Serialize(new
        {
            eventId = message.EventId,
            type = message.Type.ToString(),
            appointmentId = appointment.Id,
            occurredAt = message.OccurredAt,
            status = appointment.Status,
            start = appointment.Placement.LocalStart,
            end = appointment.Placement.LocalEnd,
        }, JsonDefaults.Options);
        var secret = await secrets.OpenAsync(partnerId, partner.SealedSigningSecret, ct);

        for (var attempt = 1; attempt <= AttemptsPerDelivery; attempt++)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>
            {
                ["X-Booking-Timestamp"] = timestamp,
                ["X-Booking-Signature"] = "v1=" + Sign(secret, timestamp, body),
                ["X-Booking-Event-Id"] = message.EventId,
            };
            int? status = null;
            string? error = null;
            try
            {
                status = await client.PostAsync(partner.WebhookUrl, body, headers, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                error = e.GetType().Name;
            }

            var delivered = status is >= 200 and < 300;
            var record = new WebhookAttempt(message.EventId, appointment.Id, attempt, time.GetCurrentInstant(), status, error, delivered);
            await attempts.UpsertAsync(WebhookAttempt.Key(partnerId, message.EventId, attempt), record, time.GetCurrentInstant() + NodaTime.Duration.FromDays(retention.Value.DeliveryLogDays), ct);
            if (delivered)
            {
                await attempts.UpsertAsync(WebhookAttempt.DeliveredKey(partnerId, message.EventId), record, time.GetCurrentInstant() + NodaTime.Duration.FromDays(retention.Value.DeliveryLogDays), ct);
                return true;
            }

            if (attempt < AttemptsPerDelivery)
            {
                var backoff = FirstBackoff * Math.Pow(2, attempt - 1);
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)backoff.TotalMilliseconds)), time, ct);
            }
        }

        throw new WebhookUndeliveredException();
    }

    /// <summary>What a receiver recomputes to check a delivery: hex HMAC-SHA256 over "{timestamp}.{body}".</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}

/// <summary>Every try of this delivery failed; the bus retries the message later.</summary>
public sealed class WebhookUndeliveredException() : Exception("The partner's webhook did not accept the event.");
