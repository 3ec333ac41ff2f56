using System.Text.RegularExpressions;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// The values only Azure knows at deployment time — left by <c>bicep snapshot</c> as ARM expressions — each matched by
/// its expression's shape and replaced by the stand-in that plays that part. An expression no row matches is reported
/// by <see cref="Resolve"/>, and the suite fails on it: a new Azure-only setting has to be given a stand-in here before
/// it can ship untested.
/// </summary>
public sealed partial class AzureOnlyValues(AzureOnlyValues.StandIns standIns)
{
    /// <summary>What stands for Azure in this run.</summary>
    public sealed record StandIns(
        string IdentityClientId,
        Uri CosmosEndpoint,
        Uri VaultUri,
        Uri BlobEndpoint,
        Uri QueueEndpoint,
        Uri TableEndpoint,
        string AccessLogAccountName,
        Uri EntraBaseAddress,
        string EntraIssuerV1,
        string ApplicationInsightsConnectionString);

    private const string Id = @"'(?<id>/subscriptions/[^']+)'";
    private const string ApiVersion = @"'[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?'";

    /// <summary>The table: what the expression stands for, its shape, and the stand-in's value.</summary>
    public IReadOnlyList<(string Meaning, Regex Pattern, Func<Match, string?> Value)> Table { get; } =
    [
        ("the user-assigned identity's client id",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.clientId\]$"),
            m => IsType(m, "Microsoft.ManagedIdentity/userAssignedIdentities") ? standIns.IdentityClientId : null),
        ("Application Insights' Entra ID authentication string for the identity",
            new Regex($@"^\[format\('Authorization=AAD;ClientId=\{{0\}}', reference\({Id}, {ApiVersion}\)\.clientId\)\]$"),
            m => IsType(m, "Microsoft.ManagedIdentity/userAssignedIdentities") ? $"Authorization=AAD;ClientId={standIns.IdentityClientId}" : null),
        ("Application Insights' connection string",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.ConnectionString\]$"),
            m => IsType(m, "Microsoft.Insights/components") ? standIns.ApplicationInsightsConnectionString : null),
        ("the Cosmos DB account's document endpoint",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.documentEndpoint\]$"),
            m => IsType(m, "Microsoft.DocumentDB/databaseAccounts") ? standIns.CosmosEndpoint.ToString() : null),
        ("the Key Vault's URI",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.vaultUri\]$"),
            m => IsType(m, "Microsoft.KeyVault/vaults") ? standIns.VaultUri.ToString() : null),
        ("the access-log storage account's blob endpoint",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.primaryEndpoints\.blob\]$"),
            m => IsType(m, "Microsoft.Storage/storageAccounts") && Name(m) == standIns.AccessLogAccountName ? standIns.BlobEndpoint.ToString() : null),
        // The Functions host's own storage (deployment package, timer leases); the local host reads none of it.
        ("the runtime storage account's blob, queue or table endpoint",
            new Regex($@"^\[reference\({Id}, {ApiVersion}\)\.primaryEndpoints\.(?<kind>blob|queue|table)\]$"),
            m => IsType(m, "Microsoft.Storage/storageAccounts") && Name(m) != standIns.AccessLogAccountName
                ? (m.Groups["kind"].Value switch { "blob" => standIns.BlobEndpoint, "queue" => standIns.QueueEndpoint, _ => standIns.TableEndpoint }).ToString()
                : null),
        // Bicep's serviceBusEndpoint is https://{namespace}.servicebus.windows.net:443/; the app gets the bare host name.
        ("the Service Bus namespace's host name",
            new Regex($@"^\[split\(split\(reference\({Id}, {ApiVersion}\)\.serviceBusEndpoint, '/'\)\[2\], ':'\)\[0\]\]$"),
            m => IsType(m, "Microsoft.ServiceBus/namespaces") ? $"{Name(m)}.servicebus.windows.net" : null),
        // The web app's Static Web App gets a generated host name; the stand-in keeps the shape of a manage link.
        ("the web app's manage page on the Static Web App's default host name",
            new Regex($@"^\[format\('https://\{{0\}}/manage/\{{\{{token\}}\}}', reference\({Id}, {ApiVersion}\)\.defaultHostname\)\]$"),
            m => IsType(m, "Microsoft.Web/staticSites") ? $"https://{Name(m)}.azurestaticapps.net/manage/{{token}}" : null),
        ("the web app's offer page on the Static Web App's default host name",
            new Regex($@"^\[format\('https://\{{0\}}/offers/\{{\{{token\}}\}}', reference\({Id}, {ApiVersion}\)\.defaultHostname\)\]$"),
            m => IsType(m, "Microsoft.Web/staticSites") ? $"https://{Name(m)}.azurestaticapps.net/offers/{{token}}" : null),
        ("Entra ID's v2.0 authority and issuer (environment().authentication.loginEndpoint + tenant)",
            new Regex(@"^\[format\('\{0\}\{1\}/v2\.0', environment\(\)\.authentication\.loginEndpoint, '(?<tenant>[0-9a-f-]+)'\)\]$"),
            m => $"{standIns.EntraBaseAddress}{m.Groups["tenant"].Value}/v2.0"),
        ("Entra ID's v1 issuer in the public cloud (https://sts.windows.net/{tenant}/)",
            new Regex(@"^\[if\(equals\(environment\(\)\.name, 'AzureCloud'\), format\('https://sts\.windows\.net/\{0\}/', parameters\('authTenantId'\)\), ''\)\]$"),
            _ => standIns.EntraIssuerV1),
    ];

    /// <summary>True for a value ARM evaluates at deployment (<c>[...]</c>; <c>[[</c> escapes a literal bracket).</summary>
    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']');

    /// <summary>Every setting with its expression replaced; <paramref name="unresolved"/> lists those no row matched.</summary>
    public IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> settings, out IReadOnlyList<string> unresolved)
    {
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        foreach (var (name, value) in settings)
        {
            if (!IsExpression(value))
            {
                resolved[name] = value;
                continue;
            }

            var found = Table.Select(row => row.Pattern.Match(value) is { Success: true } match ? row.Value(match) : null).FirstOrDefault(v => v is not null);
            if (found is null)
            {
                missing.Add($"{name} = {value}");
            }

            resolved[name] = found ?? value;
        }

        unresolved = missing;
        return resolved;
    }

    private static bool IsType(Match match, string type) =>
        match.Groups["id"].Value.Contains($"/providers/{type}/", StringComparison.OrdinalIgnoreCase);

    private static string Name(Match match) => match.Groups["id"].Value.Split('/')[^1];
}
