using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// The <c>Cosmos</c> configuration section. <see cref="Endpoint"/> with <see cref="Key"/> is for local servers;
/// <see cref="Endpoint"/> alone authenticates with the app's identity (<see cref="AppIdentity"/>).
/// </summary>
public sealed class CosmosOptions
{
    public const string Section = "Cosmos";

    public Uri? Endpoint { get; set; }

    /// <summary>An account key: local servers only. In Azure, local auth is disabled and this stays unset.</summary>
    public string? Key { get; set; }

    public string DatabaseName { get; set; } = "booking";

    /// <summary>Logical container name (as <see cref="CosmosContainerMap"/> uses it) to the container's real name.</summary>
    public Dictionary<string, string> Containers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Trusts any TLS certificate (local servers' self-signed ones). Refused outside the Development environment.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>Creates the database and the containers on first use (local servers and tests; Azure gets them from Bicep).</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Overrides the connection mode; otherwise Gateway for local servers and Direct in Azure.</summary>
    public ConnectionMode? ConnectionMode { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 5;

    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when the endpoint is a server on this machine or a key is used with a self-signed certificate.</summary>
    public bool IsLocalServer =>
        Endpoint is not null && (Endpoint.IsLoopback || (Key is not null && AcceptAnyServerCertificate));

    public string ContainerName(string logicalName) =>
        Containers.TryGetValue(logicalName, out var name) && !string.IsNullOrWhiteSpace(name)
            ? name
            : throw new InvalidOperationException($"Cosmos:Containers:{logicalName} is not configured.");
}
