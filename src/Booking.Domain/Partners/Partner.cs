namespace Booking.Domain.Partners;

/// <summary>
/// Third-party practice software allowed to book for a set of practitioners. Its API keys are kept only as
/// hashes; its signing secret only sealed. A suspended partner is refused everything until an operator resumes it.
/// <see cref="WebhookUrl"/>, when set, receives the events of the appointments it created (https, to public addresses
/// only: <see cref="Partners.WebhookUrl"/>).
/// </summary>
public sealed record Partner(
    string Id,
    string Name,
    IReadOnlyList<string> PractitionerIds,
    IReadOnlyList<PartnerApiKey> ApiKeys,
    string SealedSigningSecret,
    bool Suspended,
    Uri? WebhookUrl = null)
{
    public const int MaxNameLength = 120;
    public const int MaxPractitioners = 1000;

    public bool MayBookFor(string practitionerId) => PractitionerIds.Contains(practitionerId);

    public Partner Suspend() => this with { Suspended = true };

    public Partner Resume() => this with { Suspended = false };
}

/// <summary>One API key: its id (public, inside the key) and the SHA-256 of its secret part.</summary>
public sealed record PartnerApiKey(string KeyId, string SecretHash, NodaTime.Instant CreatedAt, NodaTime.Instant? RevokedAt);
