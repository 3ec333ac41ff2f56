namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// The Azure access log: <see cref="BlobEndpoint"/> with managed identity, or <see cref="ConnectionString"/>
/// (local Azurite only). The container is meant to carry a time-based immutability policy (Bicep sets it).
/// </summary>
public sealed class BlobAccessLogOptions
{
    public Uri? BlobEndpoint { get; set; }

    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "access-log";
}
