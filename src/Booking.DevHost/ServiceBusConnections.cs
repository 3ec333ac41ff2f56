using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Booking.Infrastructure.ServiceBus;

namespace Booking.DevHost;

/// <summary>
/// The Service Bus clients of the triggers, read from each trigger's <c>Connection</c> setting as the Functions host
/// reads identity-based connections: <c>{Connection}__fullyQualifiedNamespace</c>, with <c>{Connection}__credential</c>
/// = <c>managedidentity</c> and <c>{Connection}__clientId</c> for a user-assigned identity (otherwise the default
/// credential chain), or <c>{Connection}</c> itself holding a connection string. A trigger without a Connection
/// section (a local run on <c>ServiceBus:ConnectionString</c>) uses the app's own client.
/// </summary>
public sealed class ServiceBusConnections(ServiceBusClient appClient, IConfiguration configuration) : IAsyncDisposable
{
    private readonly Dictionary<string, ServiceBusClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    public ServiceBusClient For(ServiceBusFunction function)
    {
        if (string.IsNullOrEmpty(function.Connection))
        {
            return appClient;
        }

        lock (_clients)
        {
            if (!_clients.TryGetValue(function.Connection, out var client))
            {
                client = Create(configuration.GetSection(function.Connection));
                if (client is null)
                {
                    return appClient;
                }

                _clients[function.Connection] = client;
            }

            return client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ServiceBusClient> owned;
        lock (_clients)
        {
            owned = [.. _clients.Values];
            _clients.Clear();
        }

        foreach (var client in owned)
        {
            await client.DisposeAsync();
        }
    }

    private ServiceBusClient? Create(IConfigurationSection connection)
    {
        var options = ServiceBusClientSettings.Options(configuration);
        if (!string.IsNullOrEmpty(connection.Value))
        {
            return new ServiceBusClient(connection.Value, options);
        }

        var fullyQualifiedNamespace = connection["fullyQualifiedNamespace"];
        return string.IsNullOrEmpty(fullyQualifiedNamespace) ? null : new ServiceBusClient(fullyQualifiedNamespace, Credential(connection), options);
    }

    private static TokenCredential Credential(IConfigurationSection connection)
    {
        var clientId = connection["clientId"];
        if ("managedidentity".Equals(connection["credential"], StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return Infrastructure.AppIdentity.Credential(clientId);
    }
}
