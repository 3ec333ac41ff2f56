using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Booking.StandIns;

/// <summary>
/// The App Service / Functions managed identity endpoint (the one <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c>
/// point at), protocol version 2019-08-01, as Azure.Identity's <c>ManagedIdentityCredential</c> calls it:
/// <c>GET {endpoint}?api-version=2019-08-01&amp;resource=R&amp;client_id=C</c> with header <c>X-IDENTITY-HEADER</c>,
/// answered with <c>{access_token, expires_on, resource, token_type, client_id}</c>. It holds exactly one
/// user-assigned identity, as the app's Bicep gives it, and no system-assigned one: a request without
/// <c>client_id</c> or with another one is refused with 400 as App Service refuses it. Tokens are RS256 JWTs shaped as
/// Entra ID's v1 app-only tokens (iss <c>https://sts.windows.net/{tenant}/</c>, aud = the resource, oid = sub =
/// the identity's principal id, appid = azp = its client id, idtyp "app"), signed by <see cref="Signer"/>.
/// Leaves out: <c>mi_res_id</c>/<c>object_id</c> selection, IMDS and Azure Arc protocols, token caching on its side.
/// </summary>
/// <remarks>
/// The signing key is one per process, shared by every instance: MSAL (under Azure.Identity) keeps managed identity
/// tokens in a process-wide cache, so a token issued by an earlier instance can reach a later one and must still
/// validate there. For the same reason a repeated request for a cached resource may never reach <see cref="Requests"/>.
/// </remarks>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    public const string ApiVersion = "2019-08-01";

    private static readonly TokenSigner SharedSigner = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    private ManagedIdentityEndpoint(string clientId, string principalId, string tenantId, TimeSpan lifetime)
    {
        ClientId = clientId;
        PrincipalId = principalId;
        TenantId = tenantId;
        Lifetime = lifetime;
        Header = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
    }

    /// <summary>The one user-assigned identity's client id (what the app is given as <c>AZURE_CLIENT_ID</c>).</summary>
    public string ClientId { get; }

    /// <summary>Its principal (object) id: the tokens' <c>oid</c> and <c>sub</c>.</summary>
    public string PrincipalId { get; }

    public string TenantId { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>The value of <c>IDENTITY_ENDPOINT</c> (plain HTTP on loopback, as on App Service).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The value of <c>IDENTITY_HEADER</c>, checked on every request.</summary>
    public string Header { get; }

    /// <summary>The issuer of the tokens: <c>https://sts.windows.net/{tenant}/</c>, as Entra ID's v1 tokens say.</summary>
    public string Issuer => $"https://sts.windows.net/{TenantId}/";

    public static TokenSigner Signer => SharedSigner;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts the endpoint for one user-assigned identity; random principal and tenant ids unless given.</summary>
    public static async Task<ManagedIdentityEndpoint> StartAsync(string clientId, string? principalId = null, string? tenantId = null, TimeSpan? lifetime = null)
    {
        var endpoint = new ManagedIdentityEndpoint(clientId, principalId ?? Guid.NewGuid().ToString(), tenantId ?? Guid.NewGuid().ToString(), lifetime ?? TimeSpan.FromHours(1));
        var (app, baseAddress) = await LoopbackHost.StartAsync(null, a => a.MapGet("/msi/token", endpoint.Token));
        endpoint._app = app;
        endpoint.Endpoint = new Uri(baseAddress, "msi/token");
        return endpoint;
    }

    /// <summary>Sets <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c> (and <c>AZURE_CLIENT_ID</c> when given) until dispose.</summary>
    public EnvironmentVariables UseInThisProcess(string? azureClientId = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["IDENTITY_ENDPOINT"] = Endpoint.ToString(),
            ["IDENTITY_HEADER"] = Header,
        };
        if (azureClientId is not null)
        {
            values["AZURE_CLIENT_ID"] = azureClientId;
        }

        return EnvironmentVariables.Set(values);
    }

    /// <summary>Checks a token this endpoint (or another instance in this process) issued for the identity and audience.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string expectedAudience)
    {
        var result = await SharedSigner.ValidateAsync(token, Issuer, expectedAudience);
        if (result.IsValid && (result.Claims.TryGetValue("appid", out var appId) ? appId as string : null) != ClientId)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException("The token is not this identity's.") };
        }

        return result;
    }

    /// <summary>Issues a token directly (no HTTP), e.g. for a client that is not under test.</summary>
    public string IssueToken(string resource)
    {
        var now = DateTimeOffset.UtcNow;
        return SharedSigner.Sign(new Dictionary<string, object>
        {
            ["aud"] = resource,
            ["iss"] = Issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
            ["appid"] = ClientId,
            ["azp"] = ClientId,
            ["appidacr"] = "2",
            ["idp"] = Issuer,
            ["idtyp"] = "app",
            ["oid"] = PrincipalId,
            ["sub"] = PrincipalId,
            ["tid"] = TenantId,
            ["uti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "1.0",
        });
    }

    private IResult Token(HttpContext context)
    {
        var query = context.Request.Query;
        var result = Answer(context.Request.Headers["X-IDENTITY-HEADER"].ToString(), query["api-version"].ToString(), query["resource"].ToString(), query["client_id"].ToString());
        _requests.Enqueue(RecordedRequest.From(context.Request, string.Empty, result.Status));
        return Results.Json(result.Body, statusCode: result.Status);
    }

    private (int Status, object Body) Answer(string header, string apiVersion, string resource, string clientId)
    {
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(header), System.Text.Encoding.UTF8.GetBytes(Header)))
        {
            return (401, Error(401, "The X-IDENTITY-HEADER header is missing or wrong."));
        }

        if (apiVersion != ApiVersion)
        {
            return (400, Error(400, $"api-version '{apiVersion}' is not supported; this endpoint speaks {ApiVersion}."));
        }

        if (string.IsNullOrEmpty(resource))
        {
            return (400, Error(400, "The resource parameter is required."));
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return (400, Error(400, "No Managed Identity found for specified ClientId/ResourceId/PrincipalId. (The app has no system-assigned identity.)"));
        }

        if (!string.Equals(clientId, ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return (400, Error(400, "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId."));
        }

        var expiresOn = DateTimeOffset.UtcNow.Add(Lifetime).ToUnixTimeSeconds();
        return (200, new Dictionary<string, string>
        {
            ["access_token"] = IssueToken(resource),
            ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = ClientId,
        });
    }

    private static Dictionary<string, object> Error(int status, string message) =>
        new() { ["statusCode"] = status, ["message"] = message, ["correlationId"] = Guid.NewGuid().ToString() };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
