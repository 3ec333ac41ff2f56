using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Booking.Infrastructure;

/// <summary>
/// The one credential of the process for every Azure data plane (Cosmos DB, Service Bus, Key Vault, Blob), so its
/// tokens are cached once. In Azure it is the app's user-assigned managed identity, whose client id Bicep sets as
/// <c>AZURE_CLIENT_ID</c>; locally, the developer's own sign-in (Azure CLI, Visual Studio…).
/// </summary>
public static class AppIdentity
{
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    public static TokenCredential Credential(IConfiguration configuration) => Credential(configuration[ClientIdSetting]);

    /// <summary>The default credential chain, its managed identity the user-assigned one <paramref name="managedIdentityClientId"/> names.</summary>
    public static TokenCredential Credential(string? managedIdentityClientId)
    {
        // Only what is set: an explicit null would replace Azure.Identity's own AZURE_CLIENT_ID default and ask for a
        // system-assigned identity, which the app does not have.
        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrEmpty(managedIdentityClientId))
        {
            options.ManagedIdentityClientId = managedIdentityClientId;
        }

        return new DefaultAzureCredential(options);
    }
}
