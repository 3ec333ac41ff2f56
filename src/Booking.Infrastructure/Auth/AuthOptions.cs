namespace Booking.Infrastructure.Auth;

/// <summary>
/// How bearer tokens are checked (the <c>Auth</c> section). In Azure: <see cref="Authority"/> (Entra ID's OpenID
/// metadata supplies the signing keys), the tenant's issuers and the API's audiences. Locally: <see cref="SigningKey"/>,
/// a base64 HMAC key, with <see cref="Issuer"/> and <see cref="Audience"/>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The issuer development tokens carry and, unless <see cref="Issuers"/> is set, the one accepted.</summary>
    public string Issuer { get; set; } = "booking-dev";

    /// <summary>The audience development tokens carry and, unless <see cref="Audiences"/> is set, the one accepted.</summary>
    public string Audience { get; set; } = "booking-api";

    /// <summary>
    /// Every issuer accepted. Entra ID issues <c>{login}/{tenant}/v2.0</c> in v2 access tokens and
    /// <c>https://sts.windows.net/{tenant}/</c> in v1 ones; both name the same tenant and are signed by the same keys.
    /// </summary>
    public List<string> Issuers { get; } = [];

    /// <summary>
    /// Every audience accepted. Entra ID puts the API app registration's client id (a GUID) in v2 access tokens and
    /// its application id URI (<c>api://…</c>) in v1 ones.
    /// </summary>
    public List<string> Audiences { get; } = [];

    public string? Authority { get; set; }

    public string? SigningKey { get; set; }

    /// <summary>
    /// The claim carrying a practitioner's id. Entra ID emits a directory extension attribute as <c>extn.{name}</c>
    /// (an optional claim of the app registration; see docs/deploy.md).
    /// </summary>
    public string PractitionerIdClaim { get; set; } = "practitionerId";

    public IReadOnlyList<string> AcceptedIssuers => Accepted(Issuers, Issuer);

    public IReadOnlyList<string> AcceptedAudiences => Accepted(Audiences, Audience);

    // Bicep may leave an optional value empty (an app setting ""): it accepts nothing.
    private static List<string> Accepted(List<string> listed, string single)
    {
        var values = listed.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return values.Count > 0 ? values : [single];
    }
}
