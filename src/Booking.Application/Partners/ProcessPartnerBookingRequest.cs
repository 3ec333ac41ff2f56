using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Microsoft.Extensions.Options;

namespace Booking.Application.Partners;

/// <summary>
/// Books what a partner's signed queue message asks for. Checked in this order, each failure refusing the message
/// with its reason and creating nothing: the partner (known, not suspended), the signature (HMAC-SHA256 of the exact
/// body bytes under its signing secret, compared in constant time), the body, the practitioner's scope. A refused
/// message is settled, not retried: recorded for operators and, when the partner is known, answered with a
/// <c>rejected</c> result and the reason. A replayed <c>requestId</c> gives the first result again; one reused with
/// another body is refused as <see cref="RequestIdReused"/>. Results go to
/// <c>partner-booking-results</c> with the <c>partnerId</c> property its subscription filters on.
/// </summary>
public sealed class ProcessPartnerBookingRequest(
    IDocumentStore<Partner> partners,
    PartnerSecrets secrets,
    BookAppointment book,
    IMessageBus bus,
    MessageRefusals refusals,
    IOptions<MessagingOptions> options,
    TimeProvider time)
{
    public const string Consumer = "ProcessPartnerBookingRequests";

    /// <summary>The refusal of a <c>requestId</c> this partner already used with another body: nothing is booked.</summary>
    public const string RequestIdReused = "request-id-reused";

    /// <summary>The result sent to the partner; null when the sender is not a known partner, so nobody can be answered.</summary>
    public async Task<PartnerBookingResult?> HandleAsync(byte[] body, IReadOnlyDictionary<string, string> properties, string messageId, CancellationToken ct)
    {
        var partnerId = properties.GetValueOrDefault("partnerId");
        var stored = OpaqueId.IsWellFormed(partnerId) ? await partners.ReadAsync(PartnerKeys.Partner(partnerId!), ct) : null;
        if (stored is null)
        {
            await refusals.RecordAsync(Consumer, messageId, "unknown-partner", ct);
            return null;
        }

        var partner = stored.Value;
        var request = Parse(body);
        var (refusal, valid) = await CheckAsync(partner, body, properties.GetValueOrDefault("signature"), request, ct);
        if (valid is null)
        {
            return await RefuseAsync(partner, messageId, IdempotencyKey.IsValid(request?.RequestId) ? request!.RequestId : null, refusal!, ct);
        }

        var outcome = await book.HandleForPartnerAsync(partner.Id, request!.RequestId!, valid, ct);
        if (outcome.Failure?.Code == IdempotencyGuard.KeyReused.Code)
        {
            return await RefuseAsync(partner, messageId, request.RequestId, RequestIdReused, ct);
        }

        // An identical replay gets the stored outcome under the first answer's id: the topic drops it as a duplicate
        // within its detection window (the partner has the first), and after it the partner hears the same result again.
        var result = outcome.Succeeded
            ? new PartnerBookingResult(request.RequestId, "confirmed", outcome.Value.AppointmentId, null)
            : new PartnerBookingResult(request.RequestId, "rejected", null, outcome.Failure.Code);
        return await AnswerAsync(partner, request.RequestId!, result, ct);
    }

    /// <summary>The signature a partner computes: lowercase hex HMAC-SHA256 of the body bytes, keyed with its signing secret's UTF-8 bytes.</summary>
    public static string Sign(byte[] body, string signingSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), body));

    /// <summary>The booking the message asks for, or why it is refused (the rule, never the content).</summary>
    private async Task<(string? Refusal, ValidBooking? Valid)> CheckAsync(Partner partner, byte[] body, string? signature, PartnerBookingRequest? request, CancellationToken ct)
    {
        if (partner.Suspended)
        {
            return ("partner-suspended", null);
        }

        if (!await SignatureMatchesAsync(partner, body, signature, ct))
        {
            return ("bad-signature", null);
        }

        if (request is null)
        {
            return ("invalid-body: not the expected JSON", null);
        }

        if (!IdempotencyKey.IsValid(request.RequestId))
        {
            return ("invalid-body: requestId", null);
        }

        if (request.PractitionerId is null || !partner.MayBookFor(request.PractitionerId))
        {
            return ("out-of-scope-practitioner", null);
        }

        var valid = BookingValidator.Validate(new BookAppointmentCommand(request.SlotId, request.Patient, request.Reason, request.Consent, request.VisitTypeId), time.GetCurrentInstant().InUtc().Date);
        if (!valid.Succeeded)
        {
            return ("invalid-body: " + string.Join(", ", valid.Failure.Errors!.Select(e => e.Field).Distinct()), null);
        }

        return valid.Value.SlotId.PractitionerId != request.PractitionerId ? ("invalid-body: slotId is not the practitioner's", null) : (null, valid.Value);
    }

    /// <summary>
    /// A refused message is answered under an id derived from its own message id, not from its request id: Service Bus
    /// keeps a message's id across redeliveries, so a redelivered refusal is answered under the same id and the topic
    /// drops the second answer, while another message (another id) reusing a request id is a new question and gets its
    /// own answer instead of one the topic takes for the first result again. A fingerprint of the body would be as
    /// stable, but it is a hash of the patient's details (testable against guesses unless keyed) put on a message; the
    /// message id carries nothing personal.
    /// </summary>
    private async Task<PartnerBookingResult> RefuseAsync(Partner partner, string messageId, string? requestId, string reason, CancellationToken ct)
    {
        await refusals.RecordAsync(Consumer, messageId, reason, ct);
        return await AnswerAsync(partner, $"refused:{messageId}", new PartnerBookingResult(requestId, "rejected", null, reason), ct);
    }

    // The result's message id is derived from what it answers, so the topic's duplicate detection drops a re-sent answer.
    private async Task<PartnerBookingResult> AnswerAsync(Partner partner, string answers, PartnerBookingResult result, CancellationToken ct)
    {
        await bus.SendAsync(
            options.Value.PartnerBookingResultsTopic,
            new BusMessage($"{partner.Id}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answers)))}",
                JsonSerializer.Serialize(result, JsonDefaults.Options),
                new Dictionary<string, string> { ["partnerId"] = partner.Id }),
            ct);
        return result;
    }

    private async Task<bool> SignatureMatchesAsync(Partner partner, byte[] body, string? signature, CancellationToken ct)
    {
        if (signature is not { Length: 64 })
        {
            return false;
        }

        var expected = Sign(body, await secrets.OpenAsync(partner.Id, partner.SealedSigningSecret, ct));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static PartnerBookingRequest? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<PartnerBookingRequest>(body, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
