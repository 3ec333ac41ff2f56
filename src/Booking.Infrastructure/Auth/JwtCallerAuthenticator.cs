using System.Security.Claims;
using Booking.Application.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Infrastructure.Auth;

/// <summary>
/// Validates JWT bearer tokens (signature, issuer, audience, lifetime) and reads the caller from them:
/// subject from <c>sub</c> (else <c>oid</c>), role from <c>roles</c> (Entra ID app roles), and the practitioner's id from
/// <see cref="AuthOptions.PractitionerIdClaim"/> for practitioners. A patient's id is derived from the issuer and the
/// user (<see cref="PatientIdentity"/>), never taken from the token as it stands.
/// A token with several roles acts with the strongest: operator, then practitioner, then patient.
/// </summary>
public sealed class JwtCallerAuthenticator : ICallerAuthenticator
{
    private const int MaxTokenLength = 8192;
    private const int MaxSubjectLength = 128;

    /// <summary>
    /// How far a token's <c>exp</c> and <c>nbf</c> may be off the clock and still be taken (docs/security.md): the
    /// issuer's and our clocks drift by seconds, not minutes, so two minutes covers them and barely lengthens a token's life.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly string _practitionerIdClaim;

    public JwtCallerAuthenticator(IOptions<AuthOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _practitionerIdClaim = o.PractitionerIdClaim;
        _parameters = new TokenValidationParameters
        {
            ValidIssuers = o.AcceptedIssuers,
            ValidAudiences = o.AcceptedAudiences,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, time.GetUtcNow().UtcDateTime),
        };
        if (!string.IsNullOrEmpty(o.Authority))
        {
            _parameters.ConfigurationManager = new OpenIdMetadataCache(
                o.Authority.TrimEnd('/') + "/.well-known/openid-configuration", new HttpDocumentRetriever(), time);
        }
        else if (!string.IsNullOrEmpty(o.SigningKey))
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(o.SigningKey));
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            throw new InvalidOperationException("Set Auth:Authority (Entra ID) or Auth:SigningKey (local development) to validate tokens.");
        }
    }

    public async Task<Caller?> AuthenticateAsync(string? bearerToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bearerToken) || bearerToken.Length > MaxTokenLength)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(bearerToken, _parameters);
        if (!result.IsValid)
        {
            return null;
        }

        var identity = result.ClaimsIdentity;
        var subject = identity.FindFirst("sub")?.Value ?? identity.FindFirst("oid")?.Value;
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return null;
        }

        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (roles.Contains("operator"))
        {
            return new Caller(subject, Role.Operator);
        }

        if (roles.Contains("practitioner"))
        {
            var practitionerId = identity.FindFirst(_practitionerIdClaim)?.Value;
            return string.IsNullOrEmpty(practitionerId) ? null : new Caller(subject, Role.Practitioner, practitionerId);
        }

        if (!roles.Contains("patient"))
        {
            return null;
        }

        var user = identity.FindFirst("oid")?.Value is { Length: > 0 and <= MaxSubjectLength } oid ? oid : subject;
        return new Caller(PatientIdentity.IdOf(((JsonWebToken)result.SecurityToken).Issuer, user), Role.Patient);
    }

    // Microsoft.IdentityModel's own check reads the wall clock; this is the same check (exp required, nbf ≤ exp,
    // each boundary taken within the skew) on the injected one.
    private static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } exp && now <= exp + ClockSkew
        && (notBefore is not { } nbf || (nbf <= exp && nbf - ClockSkew <= now));

    internal static IEnumerable<Claim> ClaimsFor(string subject, string role, string? practitionerId)
    {
        yield return new Claim("sub", subject);
        yield return new Claim("roles", role);
        if (practitionerId is not null)
        {
            yield return new Claim("practitionerId", practitionerId);
        }
    }
}
