using Microsoft.Extensions.Configuration;

namespace Booking.Infrastructure;

/// <summary>
/// What the app refuses to start on outside the Development environment, with one line naming the settings to set,
/// instead of "succeeding" into memory or a file in Azure: the adapters that exist for a developer's machine (the
/// embedded store and bus, the in-memory notification sink, the local key ring and access-log files, development
/// signing keys, keys or connection strings to local servers), a notification provider set up by halves, and a Key
/// Vault reference the platform could not resolve (it then passes the reference text itself as the value).
/// </summary>
public static class ProductionConfiguration
{
    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>What is wrong for a real deployment, each as "what is wrong: what to set".</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        bool Set(string key) => !string.IsNullOrWhiteSpace(configuration[key]);
        var found = new List<string>();
        if (!"Cosmos".Equals(configuration["Storage:Provider"], StringComparison.OrdinalIgnoreCase))
        {
            found.Add("the embedded store: set Storage:Provider=Cosmos and Cosmos:Endpoint");
        }

        if (Set("Cosmos:Key") || Set("Cosmos:AcceptAnyServerCertificate") && bool.TryParse(configuration["Cosmos:AcceptAnyServerCertificate"], out var any) && any)
        {
            found.Add("a Cosmos DB key or an untrusted certificate: remove Cosmos:Key and Cosmos:AcceptAnyServerCertificate (the app's identity signs in)");
        }

        if (!Set("ServiceBus:FullyQualifiedNamespace"))
        {
            found.Add(Set("ServiceBus:ConnectionString")
                ? "a Service Bus connection string: set ServiceBus:FullyQualifiedNamespace instead (the app's identity signs in)"
                : "the embedded bus: set ServiceBus:FullyQualifiedNamespace");
        }

        if (!Set("Notifications:Smtp:Host"))
        {
            found.Add("the in-memory email sink: set Notifications:Smtp:Host (and Port, UserName, Password, From)");
        }

        else if (!Set("Notifications:Smtp:From"))
        {
            found.Add("no sender for emails: set Notifications:Smtp:From");
        }

        if (!Set("Notifications:Sms:Endpoint"))
        {
            found.Add("the in-memory SMS sink: set Notifications:Sms:Endpoint (and AuthHeaderValue)");
        }

        found.AddRange(configuration.AsEnumerable()
            .Where(setting => setting.Value?.StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => $"an unresolved Key Vault reference in {setting.Key}: create the secret it names, readable by the app's identity"));

        if (!Set("KeyVault:VaultUri"))
        {
            found.Add("the local key ring file: set KeyVault:VaultUri");
        }

        if (!Set("AccessLog:BlobEndpoint") || Set("AccessLog:ConnectionString"))
        {
            found.Add("the access log in local files or behind a storage key: set AccessLog:BlobEndpoint, and no AccessLog:ConnectionString");
        }

        if (Set("Auth:SigningKey") || !Set("Auth:Authority"))
        {
            found.Add("a development signing key: set Auth:Authority (Entra ID), and no Auth:SigningKey");
        }

        return found;
    }

    /// <summary>Whether <paramref name="environmentName"/> is Development, the only one that may run on a developer's stand-ins.</summary>
    public static bool IsDevelopment(string environmentName) => environmentName.Equals("Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ProductionConfigurationException"/> outside Development when <see cref="Find"/> finds anything.</summary>
    public static void RefuseOutsideDevelopment(IConfiguration configuration, string environmentName)
    {
        if (IsDevelopment(environmentName))
        {
            return;
        }

        var found = Find(configuration);
        if (found.Count > 0)
        {
            throw new ProductionConfigurationException(
                $"The {environmentName} environment refuses to start on {string.Join("; ", found)}.");
        }
    }
}

/// <summary>The app was configured outside Development in a way a real deployment cannot run on. The message is one line.</summary>
public sealed class ProductionConfigurationException(string message) : Exception(message);
