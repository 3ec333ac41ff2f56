using System.Security.Cryptography;
using System.Text;

namespace Booking.Infrastructure.Auth;

/// <summary>
/// A patient's id, derived from their token: <c>pat-</c> and 32 hex digits of SHA-256 over the identity provider and
/// the user's id there. Whatever subject a token carries, it can only yield an id of this shape, so no token names an
/// internal id (a partner's key owner, a partner-booked patient) or another provider's user.
/// </summary>
/// <remarks>
/// The user is Entra ID's <c>oid</c> when the token has one, else <c>sub</c>: Entra's <c>sub</c> is pairwise per client
/// application, so a patient using the web app and a mobile app would be two patients, while <c>oid</c> is the same user
/// across applications. The provider is the issuer, with Entra's v1 form (<c>https://sts.windows.net/{tenant}/</c>) read as
/// its v2 form (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>): both name one tenant, so a patient keeps one id
/// whichever version a token has.
/// </remarks>
public static class PatientIdentity
{
    public const string Prefix = "pat-";
    private const string EntraV1 = "https://sts.windows.net/";

    public static string IdOf(string issuer, string user)
    {
        var provider = issuer.StartsWith(EntraV1, StringComparison.OrdinalIgnoreCase)
            ? $"https://login.microsoftonline.com/{issuer[EntraV1.Length..].TrimEnd('/')}/v2.0"
            : issuer;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"booking-patient|v1|{provider}|{user}"));
        return Prefix + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
