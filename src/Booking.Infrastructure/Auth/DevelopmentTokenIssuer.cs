using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Infrastructure.Auth;

/// <summary>Signs tokens with the local development key, for the local host's <c>/dev/token</c> and for tests.</summary>
public sealed class DevelopmentTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Issue(string subject, string role, string? practitionerId)
    {
        var o = options.Value;
        var key = o.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set: development tokens need it.");
        var now = time.GetUtcNow().UtcDateTime;
        var claims = JwtCallerAuthenticator.ClaimsFor(subject, role, practitionerId).ToDictionary(c => c.Type, object (c) => c.Value);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
