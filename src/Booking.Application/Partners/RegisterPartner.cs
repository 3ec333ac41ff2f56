using System.Security.Cryptography;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Practitioners;

namespace Booking.Application.Partners;

public sealed record RegisterPartnerCommand(string? Name, IReadOnlyList<string?>? PractitionerIds, string? WebhookUrl = null);

/// <summary>The only time a partner's API key and signing secret are ever shown.</summary>
public sealed record PartnerCredentials(string PartnerId, string ApiKey, string SigningSecret);

/// <summary>
/// An operator admits a partner for a set of practitioners; its credentials come from a CSPRNG and are shown once. Its
/// webhook URL, if any, must be https and may not name an address webhooks may not reach (<see cref="WebhookUrl"/>).
/// </summary>
public sealed class RegisterPartner(
    IDocumentStore<Partner> partners, IDocumentStore<Practitioner> practitioners, PartnerSecrets secrets,
    Microsoft.Extensions.Options.IOptions<WebhookTargetOptions> targets, TimeProvider time)
{
    /// <summary>
    /// A 400 of its own type for a webhook URL that is not https or names an address webhooks may not reach (loopback
    /// outside Development, private, link-local, …): <c>errors</c> names it, and any other invalid field.
    /// </summary>
    public static Failure WebhookUrlRefused(IReadOnlyList<DomainError> errors) => new(
        FailureKind.Validation, "webhook-url-refused", "webhookUrl is not https, or names an address webhooks may not reach.", errors);

    public async Task<Outcome<PartnerCredentials>> HandleAsync(Caller caller, RegisterPartnerCommand command, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators admit partners.");
        }

        var errors = new List<DomainError>();
        var name = Text.Required(command.Name, "name", Partner.MaxNameLength, errors);
        var ids = command.PractitionerIds?.ToList();
        if (ids is null || ids.Count == 0 || ids.Count > Partner.MaxPractitioners)
        {
            errors.Add(new DomainError("required", $"practitionerIds must list 1 to {Partner.MaxPractitioners} practitioners.", "practitionerIds"));
        }
        else
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (!OpaqueId.IsWellFormed(ids[i]) || await practitioners.ReadAsync(PractitionerKeys.Profile(ids[i]!), ct) is null)
                {
                    errors.Add(new DomainError("unknown-practitioner", $"practitionerIds[{i}] is not a known practitioner.", $"practitionerIds[{i}]"));
                }
            }
        }

        var webhook = command.WebhookUrl is null ? null : WebhookUrl.Parse(command.WebhookUrl, targets.Value.LoopbackAllowed);
        errors.AddRange(webhook?.Errors ?? []);
        if (errors.Count > 0)
        {
            return errors.Any(e => e.Code == WebhookUrl.RefusedCode) ? WebhookUrlRefused(errors) : Failure.Validation(errors);
        }

        var partnerId = OpaqueId.New();
        var (keyId, secret, apiKey) = ApiKeyFormat.New(partnerId);
        var signingSecret = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var partner = new Partner(
            partnerId, name!, ids!.Distinct().ToList()!,
            [new PartnerApiKey(keyId, ApiKeyFormat.Hash(secret), time.GetCurrentInstant(), null)],
            await secrets.SealAsync(partnerId, signingSecret, ct),
            Suspended: false,
            webhook?.Value);
        await partners.TryCreateAsync(PartnerKeys.Partner(partnerId), partner, null, ct);
        return new PartnerCredentials(partnerId, apiKey, signingSecret);
    }
}
