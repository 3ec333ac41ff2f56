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
/// Books what a partner's signed queue message asks for. Checked in this order, each failure dead-lettering the
/// message with its reason and creating nothing: the partner (known, not suspended), the signature (HMAC-SHA256
/// of the exact body bytes under its signing secret, compared in constant time), the body, the practitioner's
/// scope. A replayed <c>requestId</c> gives the first result again. The result goes to <c>partner-booking-results</c>
/// with the <c>partnerId</c> property its subscription filters on.
/// </summary>
public sealed class ProcessPartnerBookingRequest(
    IDocumentStore<Partner> partners,
    PartnerSecrets secrets,
    BookAppointment book,
    IMessageBus bus,
    IOptions<MessagingOptions> options,
    TimeProvider time)
{
    public async Task<PartnerBookingResult> HandleAsync(byte[] body, IReadOnlyDictionary<string, string> properties, CancellationToken ct)
    {
        var partnerId = properties.GetValueOrDefault("partnerId");
        var stored = OpaqueId.IsWellFormed(partnerId) ? await partners.ReadAsync(PartnerKeys.Partner(partnerId!), ct) : null;
        if (stored is null)
        {
            throw new PoisonMessageException("unknown-partner");
        }

        var partner = stored.Value;
        if (partner.Suspended)
        {
            throw new PoisonMessageException("partner-suspended");
        }

        if (!await SignatureMatchesAsync(partner, body, properties.GetValueOrDefault("signature"), ct))
        {
            throw new PoisonMessageException("bad-signature");
        }

        var request = Parse(body);
        if (!IdempotencyKey.IsValid(request.RequestId))
        {
            throw new PoisonMessageException("invalid-body: requestId");
        }

        if (request.PractitionerId is null || !partner.MayBookFor(request.PractitionerId))
        {
            throw new PoisonMessageException("out-of-scope-practitioner");
        }

        var valid = BookingValidator.Validate(new BookAppointmentCommand(request.SlotId, request.Patient, request.Reason, request.Consent), time.GetCurrentInstant().InUtc().Date);
        if (!valid.Succeeded)
        {
            throw new PoisonMessageException("invalid-body: " + string.Join(", ", valid.Failure.Errors!.Select(e => e.Field).Distinct()));
        }

        if (valid.Value.SlotId.PractitionerId != request.PractitionerId)
        {
            throw new PoisonMessageException("invalid-body: slotId is not the practitioner's");
        }

        var outcome = await book.HandleForPartnerAsync(partner.Id, request.RequestId!, valid.Value, ct);
        var result = outcome.Succeeded
            ? new PartnerBookingResult(request.RequestId!, "confirmed", outcome.Value.AppointmentId, null)
            : new PartnerBookingResult(request.RequestId!, "rejected", null, outcome.Failure.Code);
        await bus.SendAsync(
            options.Value.PartnerBookingResultsTopic,
            new BusMessage($"{partner.Id}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.RequestId!)))}",
                JsonSerializer.Serialize(result, JsonDefaults.Options),
                new Dictionary<string, string> { ["partnerId"] = partner.Id }),
            ct);
        return result;
    }

    /// <summary>The signature a partner computes: lowercase hex HMAC-SHA256 of the body bytes, keyed with its signing secret's UTF-8 bytes.</summary>
    public static string Sign(byte[] body, string signingSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), body));

    private async Task<bool> SignatureMatchesAsync(Partner partner, byte[] body, string? signature, CancellationToken ct)
    {
        if (signature is not { Length: 64 })
        {
            return false;
        }

        var expected = Sign(body, await secrets.OpenAsync(partner.Id, partner.SealedSigningSecret, ct));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static PartnerBookingRequest Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<PartnerBookingRequest>(body, JsonDefaults.Options) ?? throw new PoisonMessageException("invalid-body: empty");
        }
        catch (JsonException)
        {
            throw new PoisonMessageException("invalid-body: not the expected JSON");
        }
    }
}
