using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// Builds the one <see cref="CosmosClient"/> of the process: a key and Gateway mode for local servers,
/// the app's identity (<see cref="AppIdentity"/>) and Direct mode in Azure. Rate limiting (429) is retried by the SDK within the limits
/// configured here; what still fails becomes <see cref="Application.Storage.StoreUnavailableException"/> in the store.
/// </summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosOptions options, bool isDevelopment, TokenCredential? credential = null)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Cosmos:Endpoint is required when Storage:Provider is Cosmos.");
        if (options.AcceptAnyServerCertificate && !isDevelopment)
        {
            throw new InvalidOperationException("Cosmos:AcceptAnyServerCertificate is for local servers and is refused outside the Development environment.");
        }

        var mode = options.ConnectionMode ?? (options.IsLocalServer ? ConnectionMode.Gateway : ConnectionMode.Direct);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "booking",
            Serializer = new CosmosJsonSerializer(),
            ConnectionMode = mode,
            LimitToEndpoint = options.IsLocalServer,
            RequestTimeout = options.RequestTimeout,
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTimeOnRateLimitedRequests,
            EnableContentResponseOnWrite = false,
        };
        if (options.AcceptAnyServerCertificate)
        {
#pragma warning disable CA5359 // Local servers' self-signed certificates; refused above outside Development.
            clientOptions.HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
#pragma warning restore CA5359
        }

        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(endpoint.ToString(), credential ?? throw new InvalidOperationException("Cosmos:Key or the app's identity is required."), clientOptions)
            : new CosmosClient(endpoint.ToString(), options.Key, clientOptions);
    }
}
