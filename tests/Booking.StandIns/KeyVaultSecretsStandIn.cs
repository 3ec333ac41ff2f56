using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Booking.StandIns;

/// <summary>
/// Key Vault's secrets data plane (REST API 7.x) over HTTPS, as Azure.Security.KeyVault.Secrets' <c>SecretClient</c>
/// calls it: get latest (<c>GET /secrets/{name}</c>), get a version (<c>GET /secrets/{name}/{version}</c>), list
/// versions (<c>GET /secrets/{name}/versions</c>, one page), list names (<c>GET /secrets</c>, deleted ones left out),
/// set (<c>PUT /secrets/{name}</c>, with tags and content type), update a version's properties
/// (<c>PATCH /secrets/{name}/{version}</c>: enabled, tags — replaced as a whole when sent — and content type), delete
/// (<c>DELETE /secrets/{name}</c>: every version moves to the deleted state at once and the answer is the deleted
/// secret with <c>recoveryId</c>, <c>deletedDate</c>, <c>scheduledPurgeDate</c>), read a deleted one
/// (<c>GET /deletedsecrets/{name}</c>; <c>GET /deletedsecrets</c> lists them) and purge (<c>DELETE /deletedsecrets/{name}</c>,
/// 204). With <see cref="PurgeProtection"/> on (the default, as the Bicep vault has it) a purge is refused with 403
/// <c>Forbidden</c> "Operation "purge" is not allowed because purge protection is enabled…", as Key Vault answers, and
/// the deleted secret stays until its scheduled purge date (which this stand-in never reaches). A name in the deleted
/// state cannot be set again (409 <c>Conflict</c>).
/// Authentication as Key Vault does it: a request without a bearer token gets 401 and the challenge
/// <c>WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>;
/// then only a token from <see cref="ManagedIdentityEndpoint"/> for that resource is accepted (401 otherwise).
/// A disabled version answers 403 <c>SecretDisabled</c> to a get, as Key Vault does; a missing one 404 <c>SecretNotFound</c>.
/// Leaves out: RBAC (any token of the identity may do anything), paging (<c>nextLink</c> is always null), recovery of a
/// deleted secret, backup/restore, not-before/expiry attributes, certificates and keys.
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
    private readonly ConcurrentDictionary<string, DeletedSecret> _deleted = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Whether a purge is refused (403), as in a vault with purge protection. On by default.</summary>
    public bool PurgeProtection { get; set; } = true;

    /// <summary>The vault's soft-delete retention: a deleted secret's scheduled purge date is this long after its deletion.</summary>
    public int SoftDeleteRetentionInDays { get; set; } = 90;

    /// <summary>Names of the secrets not deleted.</summary>
    public IReadOnlyList<string> SecretNames => [.. _secrets.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Names of the secrets in the deleted state (deleted, not yet purged).</summary>
    public IReadOnlyList<string> DeletedNames => [.. _deleted.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A version's enabled flag and tags, as stored (deleted secrets included); null when there is no such version.</summary>
    public (bool Enabled, IReadOnlyDictionary<string, string> Tags)? Describe(string name, string version)
    {
        lock (_lock)
        {
            var versions = _secrets.TryGetValue(name, out var live) ? live : _deleted.TryGetValue(name, out var deleted) ? deleted.Versions : null;
            var found = versions?.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
            return found is null ? null : (found.Enabled, new Dictionary<string, string>(found.Tags));
        }
    }

    /// <summary>Starts the vault on the CA's leaf certificate, accepting tokens of <paramref name="identity"/>.</summary>
    public static async Task<KeyVaultSecretsStandIn> StartAsync(TestCertificateAuthority ca, ManagedIdentityEndpoint identity, string challengeResource = VaultResource)
    {
        var vault = new KeyVaultSecretsStandIn(identity, challengeResource);
        var (app, baseAddress) = await LoopbackHost.StartAsync(ca.Leaf, vault.Map);
        vault._app = app;
        vault.VaultUri = baseAddress;
        return vault;
    }

    /// <summary>
    /// Adds a version (the new latest) and returns its id; creation times strictly increase, by a second at least.
    /// Throws when the name is in the deleted state (Key Vault answers 409).
    /// </summary>
    public string AddVersion(string name, string value, bool enabled = true, IReadOnlyDictionary<string, string>? tags = null, string? contentType = null)
    {
        lock (_lock)
        {
            if (_deleted.ContainsKey(name))
            {
                throw new InvalidOperationException($"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
            }

            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            _lastCreated = now > _lastCreated ? now : _lastCreated.AddSeconds(1);
            var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _secrets.GetOrAdd(name, _ => []).Add(new StoredVersion(version, value, _lastCreated)
            {
                Enabled = enabled, Updated = _lastCreated, Tags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>()), ContentType = contentType,
            });
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
            if (_deleted.ContainsKey(name))
            {
                return Error(409, "Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
            }

            var root = json.RootElement;
            var enabled = !root.TryGetProperty("attributes", out var a) || !a.TryGetProperty("enabled", out var e) || e.GetBoolean();
            var version = AddVersion(name, root.GetProperty("value").GetString() ?? string.Empty, enabled, TagsOf(root), ContentTypeOf(root));
            return Results.Json(Full(name, Find(name, version)!));
        });
        app.MapPatch("/secrets/{name}/{version}", async (string name, string version, HttpContext c) =>
        {
            using var json = await JsonDocument.ParseAsync(c.Request.Body);
            var found = Find(name, version);
            if (found is null)
            {
                return NotFound(name);
            }

            var root = json.RootElement;
            lock (_lock)
            {
                if (root.TryGetProperty("attributes", out var a) && a.TryGetProperty("enabled", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    found.Enabled = e.GetBoolean();
                }

                found.Tags = TagsOf(root) is { } tags ? new Dictionary<string, string>(tags) : found.Tags;
                found.ContentType = ContentTypeOf(root) ?? found.ContentType;
                found.Updated = DateTimeOffset.UtcNow;
            }

            return Results.Json(Listed(name, found, withVersion: true));
        });
        app.MapDelete("/secrets/{name}", (string name) =>
        {
            lock (_lock)
            {
                if (!_secrets.TryRemove(name, out var versions))
                {
                    return NotFound(name);
                }

                var deleted = new DeletedSecret(versions, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
                _deleted[name] = deleted;
                return Results.Json(DeletedBundle(name, deleted));
            }
        });
        app.MapGet("/deletedsecrets", () => Results.Json(new { value = _deleted.Select(d => DeletedBundle(d.Key, d.Value)), nextLink = (string?)null }));
        app.MapGet("/deletedsecrets/{name}", (string name) => _deleted.TryGetValue(name, out var deleted)
            ? Results.Json(DeletedBundle(name, deleted))
            : Error(404, "SecretNotFound", $"Deleted Secret not found: {name}"));
        app.MapDelete("/deletedsecrets/{name}", (string name) =>
        {
            if (!_deleted.ContainsKey(name))
            {
                return Error(404, "SecretNotFound", $"Deleted Secret not found: {name}");
            }

            if (PurgeProtection)
            {
                return Error(403, "Forbidden", "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.");
            }

            _deleted.TryRemove(name, out _);
            return Results.NoContent();
        });
    }

    private static Dictionary<string, string>? TagsOf(JsonElement root) =>
        root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : null;

    private static string? ContentTypeOf(JsonElement root) =>
        root.TryGetProperty("contentType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private object DeletedBundle(string name, DeletedSecret deleted)
    {
        var latest = deleted.Versions[^1];
        return new
        {
            recoveryId = new Uri(VaultUri, $"deletedsecrets/{name}").ToString(),
            deletedDate = deleted.DeletedOn.ToUnixTimeSeconds(),
            scheduledPurgeDate = deleted.DeletedOn.AddDays(SoftDeleteRetentionInDays).ToUnixTimeSeconds(),
            id = Id(name, latest.Version),
            contentType = latest.ContentType,
            attributes = Attributes(latest),
            tags = latest.Tags,
        };
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

    private static IResult NotFound(string name) => Error(404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");

    private static IResult Error(int status, string code, string message) => Results.Json(new { error = new { code, message } }, statusCode: status);

    private object Full(string name, StoredVersion v) => new { value = v.Value, id = Id(name, v.Version), contentType = v.ContentType, attributes = Attributes(v), tags = v.Tags };

    private object Listed(string name, StoredVersion v, bool withVersion = false) =>
        new { id = withVersion ? Id(name, v.Version) : new Uri(VaultUri, $"secrets/{name}").ToString(), contentType = v.ContentType, attributes = Attributes(v), tags = v.Tags };

    private string Id(string name, string version) => new Uri(VaultUri, $"secrets/{name}/{version}").ToString();

    // Key Vault's deletion recovery level: "Recoverable" when purge protection forbids a purge, "Recoverable+Purgeable" when not.
    private object Attributes(StoredVersion v) => new
    {
        enabled = v.Enabled,
        created = v.Created.ToUnixTimeSeconds(),
        updated = v.Updated.ToUnixTimeSeconds(),
        recoveryLevel = PurgeProtection ? "Recoverable" : "Recoverable+Purgeable",
        recoverableDays = SoftDeleteRetentionInDays,
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

        public Dictionary<string, string> Tags { get; set; } = [];

        public string? ContentType { get; set; }
    }

    private sealed record DeletedSecret(List<StoredVersion> Versions, DateTimeOffset DeletedOn);
}
