using Microsoft.Extensions.Configuration;

namespace Booking.Infrastructure;

/// <summary>
/// The adapters that exist for a developer's machine: the embedded store and bus, the in-memory notification sink, the
/// local key ring and access-log files, development signing keys, and keys or connection strings to local servers.
/// Outside the Development environment the app refuses to start on any of them, with one line naming the settings to
/// set, instead of "succeeding" into memory or a file in Azure.
/// </summary>
public static class DevelopmentStandIns
{
    /// <summary>What configuration would stand in for a real service, each as "what is wrong: what to set".</summary>
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

        if (!Set("Notifications:Sms:Endpoint"))
        {
            found.Add("the in-memory SMS sink: set Notifications:Sms:Endpoint (and AuthHeaderValue)");
        }

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

    /// <summary>Throws <see cref="DevelopmentStandInException"/> outside Development when <see cref="Find"/> finds anything.</summary>
    public static void RefuseOutsideDevelopment(IConfiguration configuration, string environmentName)
    {
        if (environmentName.Equals("Development", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var found = Find(configuration);
        if (found.Count > 0)
        {
            throw new DevelopmentStandInException(
                $"The {environmentName} environment refuses development stand-ins; found {string.Join("; ", found)}.");
        }
    }
}

/// <summary>The app was configured outside Development with an adapter meant for a developer's machine. The message is one line.</summary>
public sealed class DevelopmentStandInException(string message) : Exception(message);
