using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace Booking.Infrastructure.ServiceBus;

/// <summary>The options of every Service Bus client the app (or its local host) builds.</summary>
public static class ServiceBusClientSettings
{
    /// <summary>
    /// A private endpoint's or custom DNS address (<c>sb://host:port</c>) to connect to instead of the namespace's own
    /// host; tokens are still asked for, and checked against, the namespace. Unset in Azure by default.
    /// </summary>
    public const string CustomEndpointAddress = "ServiceBus:CustomEndpointAddress";

    /// <summary>Bounded retries, and <see cref="CustomEndpointAddress"/> when set.</summary>
    public static ServiceBusClientOptions Options(IConfiguration configuration)
    {
        var options = new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 3, TryTimeout = TimeSpan.FromSeconds(10) },
        };
        if (configuration[CustomEndpointAddress] is { Length: > 0 } address)
        {
            options.CustomEndpointAddress = Uri.TryCreate(address, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{CustomEndpointAddress} is not an absolute URI (sb://host:port): {address}");
        }

        return options;
    }
}
