namespace Booking.Infrastructure.Auth;

/// <summary>
/// How bearer tokens are checked. In Azure: <see cref="Authority"/> (Entra ID's OpenID metadata supplies
/// the signing keys) and <see cref="Audience"/>. Locally: <see cref="SigningKey"/>, a base64 HMAC key.
/// </summary>
public sealed class AuthOptions
{
    public string Issuer { get; set; } = "booking-dev";

    public string Audience { get; set; } = "booking-api";

    public string? Authority { get; set; }

    public string? SigningKey { get; set; }
}
