using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Booking.StandIns;

/// <summary>
/// An OpenID Connect issuer shaped as Entra ID (one tenant), over HTTPS: the v2.0 metadata at
/// <c>/{tenant}/v2.0/.well-known/openid-configuration</c> and the v1 metadata at <c>/{tenant}/.well-known/openid-configuration</c>,
/// both pointing at the JWKS (<c>/{tenant}/discovery/v2.0/keys</c>, <c>/{tenant}/discovery/keys</c>). Access tokens are RS256,
/// shaped as Entra ID issues them to an API app registration: <see cref="IssueV2"/> as with
/// <c>requestedAccessTokenVersion: 2</c> (iss <c>{base}/{tenant}/v2.0</c>, aud = the API's client id, azp, ver "2.0"),
/// <see cref="IssueV1"/> as without it (iss <c>{base}/{tenant}/</c> — <c>https://sts.windows.net/{tenant}/</c> in Entra —,
/// aud = the application id URI, appid, ver "1.0"). Both carry tid, oid, a pairwise sub (per app, unlike oid), roles,
/// iat/nbf/exp, and any extra claims. <see cref="RotateKey"/> adds a signing key as Entra's rollover does.
/// Leaves out: the authorize and token endpoints (tokens are minted in-process), id tokens, scp-only delegated details,
/// multi-tenant <c>common</c>/<c>organizations</c> issuers, x5c chains.
/// </summary>
public sealed class EntraIdIssuer : IAsyncDisposable
{
    private readonly List<TokenSigner> _signers = [new TokenSigner()];
    private readonly byte[] _pairwiseSalt = RandomNumberGenerator.GetBytes(32);
    private WebApplication? _app;
    private int _metadataReads;
    private int _keysReads;

    private EntraIdIssuer(string tenantId) => TenantId = tenantId;

    public string TenantId { get; }

    /// <summary><c>https://127.0.0.1:PORT/</c>: stands for <c>https://login.microsoftonline.com/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The v2.0 authority (<c>Auth:Authority</c>) and issuer of v2 tokens: <c>{base}/{tenant}/v2.0</c>.</summary>
    public string Authority => $"{BaseAddress}{TenantId}/v2.0";

    public string IssuerV2 => Authority;

    /// <summary>The issuer of v1 tokens: <c>{base}/{tenant}/</c>, as <c>https://sts.windows.net/{tenant}/</c> is in Entra.</summary>
    public string IssuerV1 => $"{BaseAddress}{TenantId}/";

    public string MetadataAddressV2 => Authority + "/.well-known/openid-configuration";

    public string MetadataAddressV1 => IssuerV1 + ".well-known/openid-configuration";

    /// <summary>How often the metadata and the keys were read (a client's cache shows as few reads).</summary>
    public int MetadataReads => Volatile.Read(ref _metadataReads);

    public int KeysReads => Volatile.Read(ref _keysReads);

    public static async Task<EntraIdIssuer> StartAsync(TestCertificateAuthority ca, string? tenantId = null)
    {
        var issuer = new EntraIdIssuer(tenantId ?? Guid.NewGuid().ToString());
        var (app, baseAddress) = await LoopbackHost.StartAsync(ca.Leaf, issuer.Map);
        issuer._app = app;
        issuer.BaseAddress = baseAddress;
        return issuer;
    }

    /// <summary>A v2.0 access token for the API whose client id is <paramref name="apiClientId"/>.</summary>
    public string IssueV2(string apiClientId, EntraTokenSubject subject) =>
        Sign(IssuerV2, apiClientId, subject, "2.0", new() { ["azp"] = subject.ClientAppId, ["azpacr"] = "0" });

    /// <summary>A v1.0 access token for the API whose application id URI is <paramref name="applicationIdUri"/>.</summary>
    public string IssueV1(string applicationIdUri, EntraTokenSubject subject) =>
        Sign(IssuerV1, applicationIdUri, subject, "1.0", new() { ["appid"] = subject.ClientAppId, ["appidacr"] = "0" });

    /// <summary>Signs with a new key from now on; the old key stays in the JWKS (as during Entra's key rollover).</summary>
    public void RotateKey()
    {
        lock (_signers)
        {
            _signers.Add(new TokenSigner());
        }
    }

    /// <summary>Drops every key but the newest from the JWKS (the end of a rollover).</summary>
    public void RetireOldKeys()
    {
        lock (_signers)
        {
            _signers.RemoveRange(0, _signers.Count - 1);
        }
    }

    private string Sign(string issuer, string audience, EntraTokenSubject subject, string version, Dictionary<string, object> claims)
    {
        var issuedAt = subject.IssuedAt ?? DateTimeOffset.UtcNow;
        claims["iss"] = issuer;
        claims["aud"] = audience;
        claims["tid"] = TenantId;
        claims["oid"] = subject.ObjectId;
        claims["sub"] = PairwiseSubject(subject.ObjectId, subject.ClientAppId);
        claims["ver"] = version;
        claims["iat"] = issuedAt.ToUnixTimeSeconds();
        claims["nbf"] = issuedAt.ToUnixTimeSeconds();
        claims["exp"] = issuedAt.Add(subject.Lifetime ?? TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        claims["uti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        if (subject.Roles is { Count: > 0 } roles)
        {
            claims["roles"] = roles.ToArray();
        }

        foreach (var (name, value) in subject.ExtraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        TokenSigner newest;
        lock (_signers)
        {
            newest = _signers[^1];
        }

        return newest.Sign(claims);
    }

    /// <summary>As Entra's <c>sub</c>: stable for one user and one client app, different from <c>oid</c> and across apps.</summary>
    public string PairwiseSubject(string objectId, string clientAppId) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(_pairwiseSalt, Encoding.UTF8.GetBytes($"{objectId}|{clientAppId}")));

    private void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Metadata(tenant, IssuerV2, "discovery/v2.0/keys", "oauth2/v2.0/"));
        app.MapGet("/{tenant}/.well-known/openid-configuration", (string tenant) => Metadata(tenant, IssuerV1, "discovery/keys", "oauth2/"));
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => Keys(tenant));
        app.MapGet("/{tenant}/discovery/keys", (string tenant) => Keys(tenant));
    }

    private IResult Metadata(string tenant, string issuer, string keys, string oauth)
    {
        Interlocked.Increment(ref _metadataReads);
        if (tenant != TenantId)
        {
            return Results.Json(new { error = "invalid_tenant", error_description = $"AADSTS90002: Tenant '{tenant}' not found." }, statusCode: 400);
        }

        var root = $"{BaseAddress}{TenantId}/";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = root + oauth + "authorize",
            ["token_endpoint"] = root + oauth + "token",
            ["jwks_uri"] = root + keys,
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver", "oid", "roles" },
            ["tenant_region_scope"] = "EU",
        });
    }

    private IResult Keys(string tenant)
    {
        Interlocked.Increment(ref _keysReads);
        TokenSigner[] signers;
        lock (_signers)
        {
            signers = [.. _signers];
        }

        return tenant == TenantId
            ? Results.Json(new { keys = signers.Select(s => s.PublicJwk).ToArray() })
            : Results.Json(new { error = "invalid_tenant" }, statusCode: 400);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _signers.ForEach(s => s.Dispose());
    }
}

/// <summary>
/// Who a token is about: the user's (or app's) object id in the tenant, the client app that asked for the token
/// (<c>azp</c>/<c>appid</c>), app roles granted, and extra claims (e.g. <c>practitionerId</c>). Times default to now / 1 hour.
/// </summary>
public sealed record EntraTokenSubject(string ObjectId, string ClientAppId, IReadOnlyList<string>? Roles = null, IReadOnlyDictionary<string, object>? ExtraClaims = null)
{
    public DateTimeOffset? IssuedAt { get; init; }

    public TimeSpan? Lifetime { get; init; }
}
