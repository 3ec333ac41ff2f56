using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Booking.StandIns;

/// <summary>An RS256 key with a key id: signs JWTs, publishes itself as a JWK, validates what it signed.</summary>
public sealed class TokenSigner : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenSigner()
    {
        KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        Key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    /// <summary>The key (with its private part): hand <see cref="PublicJwk"/> to validators instead.</summary>
    public RsaSecurityKey Key { get; }

    /// <summary>The public key as a JWK (<c>kty, use, kid, n, e, alg</c>), as a JWKS document lists it.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk
    {
        get
        {
            var p = _rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["alg"] = "RS256",
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
        }
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM (what Node's <c>crypto.createPublicKey</c> reads).</summary>
    public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>A compact JWS, header <c>{alg: RS256, kid, typ: JWT}</c>, with exactly the given claims.</summary>
    public string Sign(IDictionary<string, object> claims) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>Checks signature, lifetime (no clock skew), issuer and audience; the token's claims, or why not.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string issuer, string audience)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId },
            ValidIssuer = issuer,
            ValidAudience = audience,
            ClockSkew = TimeSpan.Zero,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        return result;
    }

    public void Dispose()
    {
        _rsa.Dispose();
    }
}
