using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Booking.ServiceBusStandIn.Security;

/// <summary>
/// A <see cref="JwtTokenValidator"/> that checks what Service Bus checks of an Entra ID access token: signed by one
/// of the issuer's keys, from that issuer, for the Service Bus audience, within its lifetime. A fixture passes the
/// keys and issuer of its identity stand-in.
/// </summary>
public static class EntraTokenValidator
{
    /// <summary>The audience (resource) of tokens for Service Bus: what a TokenCredential asks for with the scope ".default".</summary>
    public const string ServiceBusAudience = "https://servicebus.azure.net";

    public static JwtTokenValidator Create(string issuer, IEnumerable<SecurityKey> signingKeys, TimeProvider? clock = null)
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var time = clock ?? TimeProvider.System;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudiences = [ServiceBusAudience, ServiceBusAudience + "/"],
            IssuerSigningKeys = signingKeys.ToList(),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (notBefore, expires, _, validation) =>
                (notBefore is null || notBefore.Value - validation.ClockSkew <= time.GetUtcNow().UtcDateTime)
                && expires is { } end && end + validation.ClockSkew > time.GetUtcNow().UtcDateTime,
        };

        return (token, _) =>
        {
            // Static keys: no metadata to fetch, so validation completes without waiting on I/O.
            var result = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
            if (!result.IsValid)
            {
                return TokenCheck.Refused(result.Exception?.Message ?? "The token is not valid.");
            }

            var expires = ((JsonWebToken)result.SecurityToken).ValidTo;
            return TokenCheck.Accepted(new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)));
        };
    }
}
