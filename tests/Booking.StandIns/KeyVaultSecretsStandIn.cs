using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Booking.StandIns;

/// <summary>
/// Key Vault's secrets data plane (REST API 7.x) over HTTPS, as Azure.Security.KeyVault.Secrets' <c>SecretClient</c>
/// calls it: get latest (<c>GET /secrets/{name}</c>), get a version (<c>GET /secrets/{name}/{version}</c>), list
/// versions (<c>GET /secrets/{name}/versions</c>, one page), list names (<c>GET /secrets</c>), set (<c>PUT /secrets/{name}</c>).
/// Authentication as Key Vault does it: a request without a bearer token gets 401 and the challenge
/// <c>WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>;
/// then only a token from <see cref="ManagedIdentityEndpoint"/> for that resource is accepted (401 otherwise).
/// A disabled version answers 403 <c>SecretDisabled</c> to a get, as Key Vault does; a missing one 404 <c>SecretNotFound</c>.
/// Leaves out: RBAC (any token of the identity may read), paging (<c>nextLink</c> is always null), deletion and
/// recovery, certificates and keys, tags and content types beyond echoing them.
/// </summary>
/// <remarks>
/// <c>SecretClient</c> verifies that the challenge's resource host is a parent domain of the vault's host
/// (<c>vaultHost.EndsWith("." + resourceHost)</c>): with a vault at <c>https://127.0.0.1:PORT/</c> no resource passes, so a client
/// of this stand-in needs <c>SecretClientOptions.DisableChallengeResourceVerification = true</c> (see README.md).
/// </remarks>
public sealed partial class KeyVaultSecretsStandIn : IAsyncDisposable
{
    public const string VaultResource = "https://vault.azure.net";

    private readonly ConcurrentDictionary<string, List<StoredVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ManagedIdentityEndpoint _identity;
    private readonly object _lock = new();
    private DateTimeOffset _lastCreated = DateTimeOffset.MinValue;
    private WebApplication? _app;

    private KeyVaultSecretsStandIn(ManagedIdentityEndpoint identity, string challengeResource)
    {
        _identity = identity;
        ChallengeResource = challengeResource;
    }

    /// <summary>The vault URI to configure (<c>KeyVault:VaultUri</c>): <c>https://127.0.0.1:PORT/</c>.</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>The resource the challenge names, and so the audience accepted tokens must have.</summary>
    public string ChallengeResource { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts the vault on the CA's leaf certificate, accepting tokens of <paramref name="identity"/>.</summary>
    public static async Task<KeyVaultSecretsStandIn> StartAsync(TestCertificateAuthority ca, ManagedIdentityEndpoint identity, string challengeResource = VaultResource)
    {
        var vault = new KeyVaultSecretsStandIn(identity, challengeResource);
        var (app, baseAddress) = await LoopbackHost.StartAsync(ca.Leaf, vault.Map);
        vault._app = app;
        vault.VaultUri = baseAddress;
        return vault;
    }

    /// <summary>Adds a version (the new latest) and returns its id; creation times strictly increase, by a second at least.</summary>
    public string AddVersion(string name, string value, bool enabled = true)
    {
        lock (_lock)
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            _lastCreated = now > _lastCreated ? now : _lastCreated.AddSeconds(1);
            var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _secrets.GetOrAdd(name, _ => []).Add(new StoredVersion(version, value, _lastCreated) { Enabled = enabled, Updated = _lastCreated });
            return version;
        }
    }

    public void SetEnabled(string name, string version, bool enabled)
    {
        lock (_lock)
        {
            var stored = _secrets[name].Single(v => v.Version == version);
            stored.Enabled = enabled;
            stored.Updated = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>
    /// What the Functions platform does with a Key Vault reference app setting:
    /// <c>@Microsoft.KeyVault(SecretUri=https://…/secrets/name/[version])</c> or
    /// <c>@Microsoft.KeyVault(VaultName=…;SecretName=name[;SecretVersion=v])</c> becomes the secret's value (latest
    /// when no version). The vault's host or name is not compared (the compiled Bicep names the Azure vault); any other
    /// value is returned as is. A missing or disabled secret throws, where the platform would leave the reference unresolved.
    /// </summary>
    public string ResolveReference(string appSettingValue)
    {
        var match = ReferencePattern().Match(appSettingValue.Trim());
        if (!match.Success)
        {
            return appSettingValue;
        }

        string name, version;
        if (match.Groups["uri"].Success)
        {
            var segments = new Uri(match.Groups["uri"].Value).AbsolutePath.Trim('/').Split('/');
            if (segments.Length < 2 || segments[0] != "secrets")
            {
                throw new FormatException($"Not a secret URI: {appSettingValue}");
            }

            (name, version) = (segments[1], segments.Length > 2 ? segments[2] : string.Empty);
        }
        else
        {
            var parts = match.Groups["pairs"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : string.Empty, StringComparer.OrdinalIgnoreCase);
            (name, version) = (parts["SecretName"], parts.GetValueOrDefault("SecretVersion") ?? string.Empty);
        }

        var found = Find(name, version) ?? throw new InvalidOperationException($"Key Vault reference to a missing secret: {appSettingValue}");
        return found.Enabled ? found.Value : throw new InvalidOperationException($"Key Vault reference to a disabled secret: {appSettingValue}");
    }

    /// <summary>Every setting with Key Vault references resolved, as the platform hands app settings to the worker.</summary>
    public IReadOnlyDictionary<string, string> ResolveReferences(IEnumerable<KeyValuePair<string, string>> appSettings) =>
        appSettings.ToDictionary(s => s.Key, s => ResolveReference(s.Value), StringComparer.Ordinal);

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            if (await AuthenticateAsync(context) && await RequireApiVersionAsync(context))
            {
                await next(context);
            }

            _requests.Enqueue(RecordedRequest.From(context.Request, body, context.Response.StatusCode));
        });
        app.MapGet("/secrets", (HttpContext c) => Results.Json(new { value = _secrets.Keys.Select(n => Listed(n, Latest(n)!)), nextLink = (string?)null }));
        app.MapGet("/secrets/{name}/versions", (string name) => _secrets.TryGetValue(name, out var versions)
            ? Results.Json(new { value = Snapshot(versions).Select(v => Listed(name, v, withVersion: true)), nextLink = (string?)null })
            : NotFound(name));
        app.MapGet("/secrets/{name}/{version?}", (string name, string? version) => Get(name, version ?? string.Empty));
        app.MapPut("/secrets/{name}", async (string name, HttpContext c) =>
        {
            using var json = await JsonDocument.ParseAsync(c.Request.Body);
            var enabled = !json.RootElement.TryGetProperty("attributes", out var a) || !a.TryGetProperty("enabled", out var e) || e.GetBoolean();
            var version = AddVersion(name, json.RootElement.GetProperty("value").GetString() ?? string.Empty, enabled);
            return Results.Json(Full(name, Find(name, version)!));
        });
    }

    private async Task<bool> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        string? error = null;
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            error = "AKV10000: Request is missing a Bearer or PoP token.";
        }
        else
        {
            var validation = await _identity.ValidateAsync(authorization["Bearer ".Length..], ChallengeResource);
            if (validation.IsValid)
            {
                return true;
            }

            error = $"AKV10022: Invalid token: {validation.Exception?.GetType().Name}.";
        }

        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{_identity.TenantId}\", resource=\"{ChallengeResource}\"";
        await context.Response.WriteAsJsonAsync(new { error = new { code = "Unauthorized", message = error } });
        return false;
    }

    private static async Task<bool> RequireApiVersionAsync(HttpContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            return true;
        }

        context.Response.StatusCode = 400;
        await context.Response.WriteAsJsonAsync(new { error = new { code = "BadParameter", message = "The 'api-version' query parameter is required." } });
        return false;
    }

    private IResult Get(string name, string version)
    {
        var found = Find(name, version);
        if (found is null)
        {
            return NotFound(name);
        }

        return found.Enabled
            ? Results.Json(Full(name, found))
            : Results.Json(new { error = new { code = "Forbidden", message = "Operation get is not allowed on a disabled secret.", innererror = new { code = "SecretDisabled" } } }, statusCode: 403);
    }

    private StoredVersion? Find(string name, string version)
    {
        if (!_secrets.TryGetValue(name, out var versions))
        {
            return null;
        }

        var all = Snapshot(versions);
        return version.Length == 0 ? all.LastOrDefault() : all.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
    }

    private StoredVersion? Latest(string name) => Find(name, string.Empty);

    private StoredVersion[] Snapshot(List<StoredVersion> versions)
    {
        lock (_lock)
        {
            return [.. versions];
        }
    }

    private static IResult NotFound(string name) =>
        Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);

    private object Full(string name, StoredVersion v) => new { value = v.Value, id = Id(name, v.Version), attributes = Attributes(v), tags = new Dictionary<string, string>() };

    private object Listed(string name, StoredVersion v, bool withVersion = false) =>
        new { id = withVersion ? Id(name, v.Version) : new Uri(VaultUri, $"secrets/{name}").ToString(), attributes = Attributes(v), tags = new Dictionary<string, string>() };

    private string Id(string name, string version) => new Uri(VaultUri, $"secrets/{name}/{version}").ToString();

    private static object Attributes(StoredVersion v) => new
    {
        enabled = v.Enabled,
        created = v.Created.ToUnixTimeSeconds(),
        updated = v.Updated.ToUnixTimeSeconds(),
        recoveryLevel = "Recoverable+Purgeable",
        recoverableDays = 90,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^@Microsoft\.KeyVault\((?:SecretUri=(?<uri>[^)]+)|(?<pairs>VaultName=[^)]+))\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReferencePattern();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed record StoredVersion(string Version, string Value, DateTimeOffset Created)
    {
        public bool Enabled { get; set; }

        public DateTimeOffset Updated { get; set; }
    }
}
